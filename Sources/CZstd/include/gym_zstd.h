// Streaming zstd decompression, with libzstd loaded at run time (dlopen of libzstd.so.1), so building gym
// needs no zstd headers (no libzstd-dev) and a machine without libzstd still runs every command that does not
// meet a zstd layer. The buffer structs have the layout of zstd's stable ZSTD_inBuffer / ZSTD_outBuffer.
#ifndef GYM_ZSTD_H
#define GYM_ZSTD_H
#include <stddef.h>

typedef struct {
    const void *src;
    size_t size;
    size_t pos;
} gym_zstd_in_buffer;

typedef struct {
    void *dst;
    size_t size;
    size_t pos;
} gym_zstd_out_buffer;

/// Loads libzstd once; returns NULL when it is ready, else a message saying what is missing.
const char *gym_zstd_load(void);
/// A new decompression stream, or NULL (call gym_zstd_load first).
void *gym_zstd_create(void);
void gym_zstd_free(void *stream);
/// As ZSTD_decompressStream: 0 when a frame is complete, a hint > 0 for more input, or an error code.
size_t gym_zstd_decompress(void *stream, gym_zstd_out_buffer *output, gym_zstd_in_buffer *input);
/// Non-zero when the result of gym_zstd_decompress is an error.
unsigned gym_zstd_is_error(size_t result);
const char *gym_zstd_error_name(size_t result);

#endif
