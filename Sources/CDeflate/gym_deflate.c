#include "gym_deflate.h"

#include <dlfcn.h>
#include <pthread.h>

typedef void *(*alloc_fn)(void);
typedef void (*free_fn)(void *);
typedef int (*gunzip_fn)(void *, const void *, size_t, void *, size_t, size_t *, size_t *);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = "libdeflate was not loaded";
static alloc_fn alloc_decompressor;
static free_fn free_decompressor;
static gunzip_fn gunzip;

static void load(void) {
    const char *names[] = {"libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        load_error = "libdeflate is not installed (Debian: libdeflate0)";
        return;
    }
    alloc_decompressor = (alloc_fn)dlsym(handle, "libdeflate_alloc_decompressor");
    free_decompressor = (free_fn)dlsym(handle, "libdeflate_free_decompressor");
    gunzip = (gunzip_fn)dlsym(handle, "libdeflate_gzip_decompress_ex");
    if (!alloc_decompressor || !free_decompressor || !gunzip) {
        load_error = "the libdeflate found lacks libdeflate_gzip_decompress_ex";
        return;
    }
    load_error = NULL;
}

const char *gym_deflate_load(void) {
    pthread_once(&load_once, load);
    return load_error;
}

int gym_deflate_gunzip(const void *in, size_t in_size, void *out, size_t out_size, size_t *in_used, size_t *out_used) {
    *in_used = 0;
    *out_used = 0;
    if (gym_deflate_load() != NULL) return -1;
    void *decompressor = alloc_decompressor();
    if (decompressor == NULL) return -1;
    int result = gunzip(decompressor, in, in_size, out, out_size, in_used, out_used);
    free_decompressor(decompressor);
    return result;
}
