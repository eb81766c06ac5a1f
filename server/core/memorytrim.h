#pragma once

namespace sluice {

// Large request bodies must not leave the process larger for good (glibc keeps freed memory
// resident unless told otherwise). Both do nothing where the C library is not glibc.
//
// Fixes glibc's thresholds, which otherwise rise with every large block freed: blocks of 1 MiB
// and more are then always mapped on their own and unmapped when freed, and a worker arena's
// free top beyond 4 MiB is given back (malloc_trim() never touches it). Once per process, before
// the first request.
void limitRetainedMemory();

// Hands the free pages inside the heap back to the system (malloc_trim), on the next turn of the
// calling thread's event loop, once per turn however often it is asked: after a large request,
// whose many small blocks are free by then but scattered.
void releaseFreedMemorySoon();

} // namespace sluice
