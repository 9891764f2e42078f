// Whole-buffer gzip decompression through libdeflate, loaded at run time (dlopen of libdeflate.so.0), so building
// gym needs no libdeflate headers and a machine without libdeflate still reads every gzip layer, through zlib's
// streaming inflate instead.
#ifndef GYM_DEFLATE_H
#define GYM_DEFLATE_H
#include <stddef.h>

/// Loads libdeflate once; returns NULL when it is ready, else a message saying what is missing.
const char *gym_deflate_load(void);

/// Decompresses the first gzip member of `in` into `out` (which must hold the whole result), as
/// libdeflate_gzip_decompress_ex: 0 on success, 1 for bad data, 2 when the output is shorter than `out`,
/// 3 when `out` is too small; -1 when libdeflate is not loaded. `in_used` and `out_used` say how many bytes
/// the member took and gave.
int gym_deflate_gunzip(const void *in, size_t in_size, void *out, size_t out_size, size_t *in_used, size_t *out_used);

#endif
