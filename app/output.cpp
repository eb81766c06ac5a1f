#include "commands.h"

#include <cstdio>

namespace sluice {

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "sluice: %s\n", qUtf8Printable(message));
    return code;
}

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qUtf8Printable(line));
    std::fflush(stdout);
}

} // namespace sluice
