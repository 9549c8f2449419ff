#include "voice.h"

#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/speech.h"
#include "../core/strings.h"
#include "../platform/config.h"
#include "../platform/log.h"
#include "../platform/speak.h"

/* espeak-ng writes 22050 Hz, 16-bit, mono: the device is opened so, and
 * SDL converts for the hardware. */
#define VOICE_FREQ 22050
#define SYNTH_TIMEOUT_MS 5000
#define POLL_SYNTH_MS 5
#define POLL_PLAY_MS 50

struct voice {
    voice_opts_t o;
    SDL_AudioDeviceID dev; /* 0: silent */
    int dev_tried;         /* opening it was tried (once) */
    int engine_ok;         /* 0 once the engine could not be run at all */
    int volume;
    int visit_on; /* a voice button turned the voice on for this visit */
    /* What the screen was when last spoken: a change of any is a new screen. */
    int have_key, key_screen, key_idle, key_en, key_elder, key_loading;
    char last[1024];   /* the last utterance, as said */
    char prompt[1024]; /* the last screen prompt, raw, for repeat */
    int prompt_en, prompt_cache;
    int speaking;   /* an utterance is being synthesised or played */
    unsigned utter; /* counts utterances, for the log */
    speak_job_t job;
    int job_cache;
    uint64_t change_ns; /* the screen change being measured (bench) */
    int measure_cached;
    FILE *log;
    /* Shared with the audio callback, under SDL_LockAudioDevice. */
    Sint16 *clip;
    Uint32 clip_n, pos;
    int vol;
    uint64_t first_ns; /* when the callback handed out the clip's first sample */
    unsigned played;   /* clips played to their end (voice_played) */
};

static void callback(void *ud, Uint8 *stream, int len)
{
    voice_t *v = ud;
    Sint16 *out = (Sint16 *)(void *)stream;
    Uint32 n = (Uint32)len / 2, i = 0;
    if (v->clip && v->pos < v->clip_n) {
        if (!v->first_ns)
            v->first_ns = benchlog_now_ns();
        for (; i < n && v->pos < v->clip_n; i++)
            out[i] = (Sint16)(v->clip[v->pos++] * v->vol / 100);
    }
    for (; i < n; i++)
        out[i] = 0;
}

static void log_line(voice_t *v, const char *what, const char *text)
{
    if (!v->log)
        return;
    fprintf(v->log, "%u\t%s%s%s\n", v->utter, what, text ? "\t" : "", text ? text : "");
    fflush(v->log);
}

/* Opens the audio device once; a failure is logged once and leaves the
 * voice silent. */
static void open_device(voice_t *v)
{
    if (v->dev || v->dev_tried)
        return;
    v->dev_tried = 1;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log_msg(LOG_WARN, "voice: no audio (%s): the kiosk is silent", SDL_GetError());
        return;
    }
    SDL_AudioSpec want = {0}, have;
    want.freq = VOICE_FREQ;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512; /* about 23 ms: a prompt starts soon after it is ready */
    want.callback = callback;
    want.userdata = v;
    v->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!v->dev) {
        log_msg(LOG_WARN, "voice: cannot open the audio device (%s): the kiosk is silent",
                SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    SDL_PauseAudioDevice(v->dev, 0);
    log_msg(LOG_INFO, "voice: audio on %s, engine %s", SDL_GetCurrentAudioDriver(), v->o.engine);
}

voice_t *voice_create(const voice_opts_t *o)
{
    voice_t *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->o = *o;
    v->engine_ok = 1;
    v->volume = v->vol = o->volume;
    if (o->log_path && o->log_path[0]) {
        v->log = fopen(o->log_path, "a");
        if (!v->log)
            log_msg(LOG_WARN, "voice: cannot open the utterance log %s: %s", o->log_path,
                    strerror(errno));
    }
    /* On: the device now, for the attract screen's prompt. Elder: when
     * elder mode first turns the voice on (a kiosk whose residents never
     * use it never starts SDL's audio). */
    if (o->mode == CONFIG_VOICE_ON)
        open_device(v);
    return v;
}

/* The loudness now, also for what is playing. */
static void set_volume(voice_t *v, int volume)
{
    v->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    if (v->dev)
        SDL_LockAudioDevice(v->dev);
    v->vol = v->volume;
    if (v->dev)
        SDL_UnlockAudioDevice(v->dev);
}

/* Cuts off what plays and what is being synthesised. */
static void stop(voice_t *v)
{
    speak_cancel(&v->job);
    Sint16 *old = NULL;
    int cut = 0;
    if (v->dev) {
        SDL_LockAudioDevice(v->dev);
        old = v->clip;
        cut = old && v->pos < v->clip_n;
        v->clip = NULL;
        v->clip_n = v->pos = 0;
        SDL_UnlockAudioDevice(v->dev);
    }
    if (v->speaking)
        log_line(v, cut || !old ? "cut" : "done", NULL);
    v->speaking = 0;
    SDL_free(old);
}

void voice_destroy(voice_t *v)
{
    if (!v)
        return;
    stop(v);
    if (v->dev) {
        SDL_CloseAudioDevice(v->dev);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    if (v->log)
        fclose(v->log);
    free(v);
}

static void play_file(voice_t *v, const char *path)
{
    SDL_AudioSpec spec;
    Uint8 *buf;
    Uint32 len;
    if (!SDL_LoadWAV(path, &spec, &buf, &len)) {
        log_msg(LOG_WARN, "voice: cannot read %s: %s; removed", path, SDL_GetError());
        unlink(path);
        v->speaking = 0;
        return;
    }
    if (spec.format != AUDIO_S16SYS || spec.channels != 1 || spec.freq != VOICE_FREQ) {
        log_msg(LOG_WARN, "voice: %s is not 22050 Hz 16-bit mono; not played", path);
        SDL_FreeWAV(buf);
        v->speaking = 0;
        return;
    }
    SDL_LockAudioDevice(v->dev);
    v->clip = (Sint16 *)(void *)buf;
    v->clip_n = len / 2;
    v->pos = 0;
    v->first_ns = 0;
    SDL_UnlockAudioDevice(v->dev);
    char n[32];
    snprintf(n, sizeof n, "%u", (unsigned)(len / 2));
    log_line(v, "play", n); /* samples: tests compare them with what the device got */
}

static int enabled(const voice_t *v, const flow_state_t *s, long long stamp)
{
    if (v->visit_on)
        return 1; /* asked for by the resident: not the config's to refuse */
    if (v->o.mode == CONFIG_VOICE_OFF || (v->o.mode == CONFIG_VOICE_ELDER && !s->elder))
        return 0;
    if (v->o.quiet_from >= 0) {
        int m = (int)(((stamp % 1440) + 1440) % 1440);
        int from = v->o.quiet_from, until = v->o.quiet_until;
        if (from < until ? m >= from && m < until : m >= from || m < until)
            return 0;
    }
    return 1;
}

/* Says raw text: normalised and guarded in the core, then synthesised (or
 * found in the cache) and played. cache: 0 for what belongs to one
 * resident (the ticket read-back, the confirmation): synthesised into a
 * file that is removed once loaded, never kept. */
static void say(voice_t *v, const char *raw, int en, int elder, int cache)
{
    stop(v);
    char text[1024], err[700];
    int removed = speech_prepare(raw, en, text, sizeof text);
    if (removed)
        log_msg(LOG_WARN,
                "voice: %d run(s) of digits left out of a prompt (a phone number is "
                "never said)",
                removed);
    if (!text[0])
        return;
    snprintf(v->last, sizeof v->last, "%s", text);
    v->utter++;
    log_line(v, cache ? "say" : "say-private", text);
    open_device(v);
    if (!v->dev)
        return;
    const char *voice = speak_voice(en);
    int rate = elder ? v->o.rate * 4 / 5 : v->o.rate;
    char path[SPEAK_PATH_MAX];
    if (cache) {
        if (speak_cache_path(v->o.data_dir, v->o.engine, voice, rate, text, path, err,
                             sizeof err)) {
            log_msg(LOG_WARN, "voice: %s", err);
            return;
        }
    } else {
        char probe[SPEAK_PATH_MAX];
        if (speak_cache_path(v->o.data_dir, v->o.engine, voice, rate, "", probe, err, sizeof err)) {
            log_msg(LOG_WARN, "voice: %s", err);
            return;
        }
        snprintf(path, sizeof path, "%s/voice/private.wav", v->o.data_dir);
    }
    v->speaking = 1;
    v->measure_cached = cache && access(path, R_OK) == 0;
    if (v->measure_cached) {
        play_file(v, path);
        return;
    }
    if (!v->engine_ok) {
        v->speaking = 0;
        return;
    }
    int e;
    if (speak_start(&v->job, v->o.engine, voice, rate, text, path, SDL_GetTicks64(),
                    SYNTH_TIMEOUT_MS, &e, err, sizeof err)) {
        log_msg(LOG_WARN, "voice: %s%s", err,
                e == ENOENT ? " (install espeak-ng: sudo make deps); the kiosk is silent" : "");
        if (e == ENOENT)
            v->engine_ok = 0;
        v->speaking = 0;
        return;
    }
    v->job_cache = cache;
}

/* My bookings loading: said, then said again with what was found. */
static int loading(const flow_state_t *s)
{
    return s->screen == FLOW_BOOKINGS && s->busy;
}

/* 1 when s shows what was last spoken: the same screen, overlay, language,
 * mode and loading state. */
static int same_screen(const voice_t *v, const flow_state_t *s)
{
    return v->have_key && v->key_screen == (int)s->screen && v->key_idle == s->idle_warning &&
           v->key_en == s->lang_en && v->key_elder == s->elder && v->key_loading == loading(s);
}

/* The prompt of the screen s shows, kept for repeat. */
static void screen_prompt(voice_t *v, const flow_state_t *s)
{
    speech_screen_prompt(s, v->prompt, sizeof v->prompt);
    v->prompt_en = s->lang_en;
    /* What belongs to one resident is never kept on disk. */
    v->prompt_cache =
        !(s->screen == FLOW_TICKET || s->screen == FLOW_CONFIRM || s->screen == FLOW_BOOKINGS ||
          s->screen == FLOW_BOOKING || s->screen == FLOW_CHECKIN_RESULT);
}

void voice_screen(voice_t *v, const flow_state_t *s, long long stamp)
{
    if (same_screen(v, s))
        return;
    v->have_key = 1;
    v->key_screen = (int)s->screen;
    v->key_idle = s->idle_warning;
    v->key_en = s->lang_en;
    v->key_elder = s->elder;
    v->key_loading = loading(s);
    v->change_ns = benchlog_now_ns();
    if (s->screen == FLOW_ATTRACT) {
        /* The next resident starts at the station's volume and voice. */
        set_volume(v, v->o.volume);
        v->visit_on = 0;
    }
    /* A screen change always cuts off the prompt before it. */
    stop(v); /* screen change: cut */
    v->prompt[0] = '\0';
    if (!enabled(v, s, stamp))
        return;
    screen_prompt(v, s);
    say(v, v->prompt, s->lang_en, s->elder, v->prompt_cache);
}

/* An item tapped or focused (what to say of it: item, or focus with on). */
static void say_item(voice_t *v, const flow_state_t *s, const char *id, const char *label,
                     int focus, int on, long long stamp)
{
    if (!same_screen(v, s)) {
        voice_screen(v, s, stamp);
        return;
    }
    if (!enabled(v, s, stamp))
        return;
    char text[512];
    if (focus)
        speech_focus(s, id, label, on, text, sizeof text);
    else
        speech_item(s, id, label, text, sizeof text);
    v->change_ns = benchlog_now_ns();
    say(v, text, s->lang_en, s->elder, strncmp(id, "key:", 4) == 0 || s->screen != FLOW_BOOKINGS);
}

/* A voice button pressed while the voice is off for this resident (off in
 * the config, elder-only, quiet hours): on for the rest of the visit, from
 * the prompt of the screen shown. A resident who cannot read cannot find a
 * setting; the loudspeaker on the screen is the setting. */
static void turn_on(voice_t *v, const flow_state_t *s, long long stamp)
{
    if (enabled(v, s, stamp))
        return;
    v->visit_on = 1;
    log_msg(LOG_INFO, "voice: on for this visit (a voice button was pressed)");
    screen_prompt(v, s);
}

void voice_item(voice_t *v, const flow_state_t *s, const char *id, const char *label,
                long long stamp)
{
    say_item(v, s, id, label, 0, 1, stamp);
}

void voice_focus(voice_t *v, const flow_state_t *s, const char *id, const char *label, int on,
                 long long stamp)
{
    say_item(v, s, id, label, 1, on, stamp);
}

void voice_repeat(voice_t *v, const flow_state_t *s, long long stamp)
{
    turn_on(v, s, stamp);
    if (!v->prompt[0])
        return;
    v->change_ns = benchlog_now_ns();
    say(v, v->prompt, v->prompt_en, s->elder, v->prompt_cache);
}

int voice_level(const voice_t *v)
{
    int level = (v->volume + VOICE_STEP / 2) / VOICE_STEP;
    return level < 1 ? 1 : level > VOICE_LEVELS ? VOICE_LEVELS : level;
}

int voice_volume(voice_t *v, const flow_state_t *s, int dir, long long stamp)
{
    int level = voice_level(v) + (dir > 0 ? 1 : -1);
    if (level < 1)
        level = 1; /* never silent: the resident could not find it again */
    if (level > VOICE_LEVELS)
        level = VOICE_LEVELS;
    set_volume(v, level * VOICE_STEP);
    log_msg(LOG_INFO, "voice: volume %d (level %d of %d) for this visit", v->volume, level,
            VOICE_LEVELS);
    turn_on(v, s, stamp);
    /* Said at the new volume, so the resident hears what it is. */
    char words[32] = "", text[96];
    speech_number(level, s->lang_en, words, sizeof words);
    const char *args[1] = {words};
    str_format(STR_SAY_VOLUME, s->lang_en, text, sizeof text, args, 1);
    v->change_ns = benchlog_now_ns();
    say(v, text, s->lang_en, s->elder, 1);
    return level;
}

uint64_t voice_poll(voice_t *v)
{
    if (v->job.pid) {
        char err[700];
        int r = speak_poll(&v->job, SDL_GetTicks64(), err, sizeof err);
        if (r == 1)
            return POLL_SYNTH_MS;
        if (r < 0) {
            log_msg(LOG_WARN, "voice: %s; this prompt is not said", err);
            v->speaking = 0;
            return UINT64_MAX;
        }
        char path[SPEAK_PATH_MAX];
        snprintf(path, sizeof path, "%s", v->job.wav);
        play_file(v, path);
        if (!v->job_cache)
            unlink(path);
    }
    if (!v->speaking || !v->dev)
        return UINT64_MAX;
    SDL_LockAudioDevice(v->dev);
    uint64_t first = v->first_ns;
    int done = v->clip && v->pos >= v->clip_n;
    if (first && v->change_ns) {
        benchlog_span(v->o.bench, "voice", v->measure_cached ? "cached" : "synth", v->change_ns,
                      first);
        v->change_ns = 0;
    }
    SDL_UnlockAudioDevice(v->dev);
    if (done) {
        log_line(v, "done", NULL);
        v->played++;
        v->speaking = 0;
        return UINT64_MAX;
    }
    return POLL_PLAY_MS;
}

int voice_busy(const voice_t *v)
{
    return v->speaking;
}

int voice_started(voice_t *v)
{
    if (!v->dev || !v->speaking)
        return 0;
    SDL_LockAudioDevice(v->dev);
    int started = v->clip && v->first_ns;
    SDL_UnlockAudioDevice(v->dev);
    return started;
}

const char *voice_last(const voice_t *v)
{
    return v->last;
}

/* ---- The lobby calling display's announcements (issue 19) ---------------- */

int voice_say_text(voice_t *v, const char *text, int en)
{
    say(v, text, en, 0, 1);
    return v->speaking ? 0 : -1;
}

#define CHIME_MS 900

int voice_chime(voice_t *v)
{
    stop(v);
    open_device(v);
    if (!v->dev)
        return -1;
    /* Ding-dong: 784 Hz then 659 Hz (G5, E5), each fading out. */
    Uint32 n = VOICE_FREQ * CHIME_MS / 1000, half = n / 2;
    Sint16 *clip = SDL_malloc(n * sizeof *clip);
    if (!clip)
        return -1;
    for (Uint32 i = 0; i < n; i++) {
        Uint32 k = i < half ? i : i - half;
        double f = i < half ? 784.0 : 659.0;
        double env = 1.0 - (double)k / half;
        double ph = 2.0 * 3.14159265358979 * f * k / VOICE_FREQ;
        clip[i] = (Sint16)(SDL_sin(ph) * env * env * 20000.0);
    }
    v->utter++;
    log_line(v, "chime", NULL);
    SDL_LockAudioDevice(v->dev);
    v->clip = clip;
    v->clip_n = n;
    v->pos = 0;
    v->first_ns = 0;
    SDL_UnlockAudioDevice(v->dev);
    v->speaking = 1;
    char samples[32];
    snprintf(samples, sizeof samples, "%u", (unsigned)n);
    log_line(v, "play", samples);
    return 0;
}

unsigned voice_played(const voice_t *v)
{
    return v->played;
}
