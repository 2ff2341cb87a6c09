#include <qrencode.h>
#include <errno.h>
