/* What the voice says (issue 17), pure C: the text normaliser that turns
 * screen and catalog text into something espeak-ng reads right in Mandarin
 * or English, the guard that never lets a phone number through, and the
 * prompt of each resident screen built from the flow's state.
 *
 * espeak-ng 1.51 (Debian 12), checked with `espeak-ng -x` (README, Voice):
 * it reads "10:00" as 十 零 零, "2026年" as 二千零二十六年, a bare digit run
 * as one big number (13812345678 as 一百三十八亿…), and some polyphones
 * wrongly (家长, 长辈, 成长 with chang2; 重新 with zhong4; 银行 with xing2;
 * 音乐 with le4). The normaliser writes times, dates and years in words
 * and swaps those characters for homophones it reads right. */
#ifndef CORE_SPEECH_H
#define CORE_SPEECH_H

#include <stddef.h>

#include "datetime.h"
#include "flow.h"

/* A run of this many digits or more (ASCII, full-width or Chinese digit
 * characters, spaces, dashes and commas between them allowed) could be a
 * phone number (a mobile has 11, a landline 7 or 8): it is never spoken.
 * A ticket code is spelled in two groups of four, so it never makes one. */
#define SPEECH_DIGIT_RUN_MAX 6

/* Removes, in place, every run of more than SPEECH_DIGIT_RUN_MAX digits
 * from text (UTF-8). Returns how many runs it removed (for a log line that
 * says so without the digits). */
int speech_guard(char *text);

/* Normalises text for speech in Chinese (en == 0) or English into out
 * (n bytes, cut at a character): "HH:MM" times and "YYYY-MM-DD" dates in
 * words, years digit by digit, the polyphone fixes; then speech_guard.
 * Returns what speech_guard returned. */
int speech_prepare(const char *text, int en, char *out, size_t n);

/* Words, appended to out (n bytes, always NUL-terminated):
 * a whole number 0..99999 (二十三; English leaves digits to espeak-ng),
 * a date (十二月一日 星期二; Tuesday 1 December), a time of day in minutes
 * (上午十点, 下午两点半; 10 in the morning, 2:30 in the afternoon), and a ticket code character by
 * character in two groups (A，三，K，九。B，二，C，四 / A, 3, K, 9. B, 2, C, 4). */
void speech_number(long v, int en, char *out, size_t n);
void speech_date(dt_date_t d, int en, char *out, size_t n);
void speech_time(int minutes, int en, char *out, size_t n);
void speech_code(const char *code, int en, char *out, size_t n);

/* The prompt of the screen s shows (its title and the one thing to do
 * next; the ticket screen reads the ticket back), raw: the caller runs it
 * through speech_prepare. Writes "" for screens that say nothing (staff). */
void speech_screen_prompt(const flow_state_t *s, char *out, size_t n);

/* What is said when the widget id labelled label was tapped (or, later,
 * focused by the keypad): its label, except keypad keys, for which it says
 * how many digits are typed and never which. */
void speech_item(const flow_state_t *s, const char *id, const char *label, char *out, size_t n);

/* What is said when the keypad focus moves onto widget id labelled label
 * (issue 17, ui/focus.h): its label, a service by the name the voice may
 * say (预约服务 for a sensitive one), "现在不能选" after one that is
 * disabled; a key of the phone keypad says how many digits are typed,
 * never its digit (the focus never lands there: belt and braces). */
void speech_focus(const flow_state_t *s, const char *id, const char *label, int enabled,
                  char *out, size_t n);

#endif
