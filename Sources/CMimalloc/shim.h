#ifndef STEER_CMIMALLOC_SHIM_H
#define STEER_CMIMALLOC_SHIM_H
#include <mimalloc.h>
#endif
