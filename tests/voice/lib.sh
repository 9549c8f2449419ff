# Helpers of the voice tests (tests/voice/*.sh), sourced after tests/lib.sh.
S=tests/ui/scripts
NOW="2026-12-01 09:00"
PHONE=13812345678
# deps.sh installs espeak-ng with the build: its absence is a failure here.
if ! command -v espeak-ng >/dev/null 2>&1; then
    not_ok "espeak-ng is installed" "espeak-ng is missing: run sudo make deps (tools/deps.sh installs it)"
    exit 1
fi
# conf DIR [LINE...]: DIR/k.conf with the utterance log DIR/said and LINEs.
conf() {
    _c_dir=$1
    shift
    mkdir -p "$_c_dir"
    { echo "voice_log = $_c_dir/said"; for l in "$@"; do echo "$l"; done; } >"$_c_dir/k.conf"
}
# kiosk DIR SIZE SCRIPT [options]: a headless kiosk on DIR/k.conf (conf DIR
# when there is none), whose utterances go to DIR/said.
kiosk() {
    dir=$1 size=$2 script=$3
    shift 3
    mkdir -p "$dir"
    [ -f "$dir/k.conf" ] || conf "$dir"
    SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy} "$KIOSK" --headless --config "$dir/k.conf" \
        --data-dir "$dir" --size "$size" --now "$NOW" --script "$script" "$@"
}

# No run of 4 or more of the phone's digits, in order, in any spelling
# (ASCII, full-width, 一二三 or 幺), separators between them ignored.
no_phone_digits() {
    python3 - "$1" "$PHONE" <<'PY'
import re, sys
# The text of each utterance (the log's other lines hold sample counts).
text = "\n".join(l.split("\t", 2)[2] for l in open(sys.argv[1], encoding="utf-8")
                 if l.split("\t")[1].startswith("say"))
phone = sys.argv[2]
zh = "零幺二三四五六七八九"
t = text
for i, c in enumerate("零一二三四五六七八九"):
    t = t.replace(c, str(i))
for i, c in enumerate(zh):
    t = t.replace(c, str(i))
t = t.replace("两", "2").replace("〇", "0")
for i in range(10):
    t = t.replace(chr(0xFF10 + i), str(i))
t = re.sub(r"(?<=\d)[\s,，、\-]+(?=\d)", "", t)
bad = [phone[i:i + 4] for i in range(len(phone) - 3) if phone[i:i + 4] in t]
long_runs = re.findall(r"\d{7,}", t)
if bad or long_runs:
    print("phone digits spoken:", bad, long_runs)
    sys.exit(1)
PY
}


# audio_matches DIR RATE LEAST: the audio SDL's disk driver recorded in
# DIR/audio.raw is not silence and has the voiced samples espeak-ng makes
# (at RATE words a minute) of each prompt DIR/said says was played to its
# end, at least LEAST of them; prints the figures. The oracle is espeak-ng
# run here, apart from the kiosk.
audio_matches() {
    python3 - "$1/said" "$1/audio.raw" "$2" "$3" <<'PY'
import array, os, subprocess, sys, tempfile, wave
said, raw, rate, least = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts, state = {}, {}
for line in open(said, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[1].startswith("say"):
        texts[f[0]] = f[2]
    state[f[0]] = f[1]
done = [texts[u] for u, s in state.items() if s == "done"]
def voiced(samples):
    return sum(1 for x in samples if x != 0)
want = 0
with tempfile.TemporaryDirectory() as t:
    for i, text in enumerate(done):
        open(f"{t}/t", "w", encoding="utf-8").write(text)
        en = text.isascii()
        subprocess.run(["espeak-ng", "-b", "1", "-v", "en-gb" if en else "cmn-latn-pinyin",
                        "-s", rate, "-w", f"{t}/o.wav", "-f", f"{t}/t"], check=True,
                       stdout=subprocess.DEVNULL)
        w = wave.open(f"{t}/o.wav")
        a = array.array("h", w.readframes(w.getnframes()))
        want += voiced(a)
got = array.array("h", open(raw, "rb").read())
have = voiced(got)
peak = max((abs(x) for x in got), default=0)
print(f"prompts played {len(done)}, voiced samples recorded {have}, by espeak-ng apart {want}, peak {peak}")
ok = len(done) >= least and peak > 1000 and want > 0 and abs(have - want) <= 0.02 * want
sys.exit(0 if ok else 1)
PY
}
