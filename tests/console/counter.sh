#!/bin/sh
# The console's counter page (叫号, issues 18 and 19): three numbers taken
# with kioskctl, called through from the console for counter 1 in the order
# of the station's rule; recall, skip, serve, finish and transfer each
# checked in the store; a POST without its CSRF token changes nothing; no
# phone or name on the page. One console for the whole file (counter.py).
exec python3 "$(dirname "$0")/counter.py"
