#include "core/memorytrim.h"

#include <QTimer>

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sluice {

void limitRetainedMemory()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        // Setting either one turns off glibc's dynamic adjustment of both.
        mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
    });
#endif
}

void releaseFreedMemorySoon()
{
#if defined(__GLIBC__)
    thread_local bool pending = false;
    if (pending)
        return;
    pending = true;
    // Later, not now: the buffers of the request being finished are still alive.
    QTimer::singleShot(0, [] {
        pending = false;
        malloc_trim(0);
    });
#endif
}

} // namespace sluice
