// The module is its header; SwiftPM needs one source file to build it.
#include "siphash.h"
