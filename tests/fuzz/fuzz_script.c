/* The script parser (platform/script.c) line by line, as `kiosk --script`
 * reads a file (lines of at most 1022 bytes): each line is a command or an
 * error message, never a crash; numbers stay in their documented ranges. */
#include <string.h>

#include "../../firmware/shell/script.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    char *line = text;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strlen(line) <= 1022) {
            script_cmd_t c;
            char err[512];
            err[0] = '\0';
            if (script_parse_line(line, &c, err, sizeof err) != 0) {
                FUZZ_ASSERT(err[0] != '\0' && memchr(err, '\0', sizeof err));
            } else {
                FUZZ_ASSERT(memchr(c.arg, '\0', sizeof c.arg) != NULL);
                if (c.op == SCRIPT_WAIT)
                    FUZZ_ASSERT(c.seconds >= 0 && c.seconds <= 86400);
                if (c.op == SCRIPT_HOLD)
                    FUZZ_ASSERT(c.seconds >= 0 && c.seconds <= 600);
                if (c.op == SCRIPT_TAP_AT || c.op == SCRIPT_DRAG || c.op == SCRIPT_HOLD)
                    FUZZ_ASSERT(c.x >= -100000 && c.x <= 100000 && c.y >= -100000 && c.y <= 100000);
                if (c.op == SCRIPT_SHOT)
                    FUZZ_ASSERT(!strpbrk(c.arg, "/\\"));
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return 0;
}
