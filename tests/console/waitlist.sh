#!/bin/sh
# The waitlist on the staff console (issue 20): a full session with two
# waiting, a cancel giving the seat to the first; the page lists whom to
# phone (the full number, the hold's end, the code) apart from who waits
# (masked, in order); confirm and withdraw from the page change the store
# (kioskctl waitlist) and are audited under the staff member; a POST
# without the CSRF token changes nothing (waitlist.py).
exec python3 "$(dirname "$0")/waitlist.py"
