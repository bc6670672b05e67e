// The system zlib (zlib1g-dev on Debian/Ubuntu, part of the SDK on macOS), for the native git object reader.
#include <zlib.h>
