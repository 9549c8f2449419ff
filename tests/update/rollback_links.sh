#!/bin/sh
# After a rollback, current and previous swap: previous names the release
# rolled back from, so that `update status` tells it and a second rollback
# goes forward again. (Issue 24's mutants: a rollback that left previous
# pointing at the release now current passed apply.sh and health.sh.)
. tests/update/lib.sh

bundle 1.0.0
bundle 1.1.0
U apply "$TMP/b-1.0.0.tar" >/dev/null
expect_exit 0 "1.1.0 installs over 1.0.0" U apply "$TMP/b-1.1.0.tar"
check "... current is 1.1.0" test "$(current)" = releases/1.1.0
check "... previous is 1.0.0" test "$(previous)" = releases/1.0.0
expect_exit 0 "rollback" U rollback
check "... current is 1.0.0 again" test "$(current)" = releases/1.0.0
check "... previous is the release rolled back from, 1.1.0" test "$(previous)" = releases/1.1.0
check "... which is complete" complete previous
expect_exit 0 "a second rollback goes back to 1.1.0" U rollback
check "... current is 1.1.0" test "$(current)" = releases/1.1.0
check "... previous is 1.0.0" test "$(previous)" = releases/1.0.0
