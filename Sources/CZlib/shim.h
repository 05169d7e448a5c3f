// zlib from the system (Debian's zlib1g-dev): raw inflate for reading ZIP entries of .xlsx files.
#include <zlib.h>
