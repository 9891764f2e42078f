#include "gym_zstd.h"

#include <dlfcn.h>
#include <pthread.h>

typedef void *(*create_fn)(void);
typedef size_t (*free_fn)(void *);
typedef size_t (*init_fn)(void *);
typedef size_t (*decompress_fn)(void *, gym_zstd_out_buffer *, gym_zstd_in_buffer *);
typedef unsigned (*is_error_fn)(size_t);
typedef const char *(*error_name_fn)(size_t);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = "libzstd was not loaded";
static create_fn create_stream;
static free_fn free_stream;
static init_fn init_stream;
static decompress_fn decompress_stream;
static is_error_fn is_error;
static error_name_fn error_name;

static void load(void) {
    const char *names[] = {"libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        load_error = "zstd layers need the zstd library (libzstd.so.1; Debian: apt-get install libzstd1)";
        return;
    }
    create_stream = (create_fn)dlsym(handle, "ZSTD_createDStream");
    free_stream = (free_fn)dlsym(handle, "ZSTD_freeDStream");
    init_stream = (init_fn)dlsym(handle, "ZSTD_initDStream");
    decompress_stream = (decompress_fn)dlsym(handle, "ZSTD_decompressStream");
    is_error = (is_error_fn)dlsym(handle, "ZSTD_isError");
    error_name = (error_name_fn)dlsym(handle, "ZSTD_getErrorName");
    if (!create_stream || !free_stream || !init_stream || !decompress_stream || !is_error || !error_name) {
        load_error = "the zstd library found lacks the streaming decompression API";
        return;
    }
    load_error = NULL;
}

const char *gym_zstd_load(void) {
    pthread_once(&load_once, load);
    return load_error;
}

void *gym_zstd_create(void) {
    if (gym_zstd_load() != NULL) return NULL;
    void *stream = create_stream();
    if (stream != NULL) init_stream(stream);
    return stream;
}

void gym_zstd_free(void *stream) {
    if (stream != NULL && free_stream != NULL) free_stream(stream);
}

size_t gym_zstd_decompress(void *stream, gym_zstd_out_buffer *output, gym_zstd_in_buffer *input) {
    return decompress_stream(stream, output, input);
}

unsigned gym_zstd_is_error(size_t result) { return is_error(result); }

const char *gym_zstd_error_name(size_t result) { return error_name(result); }
