#include "PNGSupport.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* libpng leaves the process through longjmp on every error. Each public entry point below creates
 * the libpng structures, calls a body function that holds the only setjmp, and releases everything
 * afterwards. The body reaches its state only through a pointer argument it never reassigns, so no
 * automatic variable is read after a longjmp, which is what keeps setjmp well defined. */

struct error_sink {
    char *message;
    size_t capacity;
};

static void set_message(struct error_sink *sink, const char *text) {
    if (sink->message == NULL || sink->capacity == 0) return;
    strncpy(sink->message, text, sink->capacity - 1);
    sink->message[sink->capacity - 1] = '\0';
}

static void write_message(char *message, size_t capacity, const char *text) {
    struct error_sink sink = {message, capacity};
    set_message(&sink, text);
}

static void on_error(png_structp png, png_const_charp text) {
    set_message((struct error_sink *)png_get_error_ptr(png), text);
    png_longjmp(png, 1);
}

/* Warnings (unknown ancillary chunks, bad ancillary CRCs) do not affect the samples, and libpng
 * would otherwise print them on stderr. */
static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static int host_is_little_endian(void) {
    const uint16_t probe = 1;
    return *(const unsigned char *)&probe == 1;
}

/* ---------------------------------------------------------------------------------------------- */

struct reader {
    struct error_sink sink;
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t offset;
    int ran_out_of_data;
    gs_png_status failure;
    unsigned char *pixels;
    png_bytep *rows;
};

static void read_from_memory(png_structp png, png_bytep destination, size_t length) {
    struct reader *reader = (struct reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->offset) {
        reader->ran_out_of_data = 1;
        png_error(png, "the data ends before the image does");
    }
    memcpy(destination, reader->data + reader->offset, length);
    reader->offset += length;
}

static PNG_NORETURN void fail_reading(struct reader *reader, gs_png_status status, const char *text) {
    reader->failure = status;
    png_error(reader->png, text);
}

/* Deflate expands data by at most 1032 times, so the bytes left after the header bound the image
 * data they can hold. Checking the header's size against that bound before allocating keeps a
 * small file that claims a huge image from reserving gigabytes for rows it cannot fill. */
static void check_data_can_fill(struct reader *reader) {
    const uint64_t deflate_ratio = 1032, zlib_overhead = 64;
    const uint64_t height = png_get_image_height(reader->png, reader->info);
    /* Every row of the stored, unexpanded image is its bytes plus one filter byte. */
    const uint64_t row_bytes = (uint64_t)png_get_rowbytes(reader->png, reader->info) + 1;
    const uint64_t remaining = reader->size - reader->offset;
    const uint64_t capacity = (remaining + zlib_overhead) * deflate_ratio;
    if (height > 0 && row_bytes > capacity / height)
        fail_reading(reader, GS_PNG_CORRUPT, "the image data is too short for the image size in the header");
}

static gs_png_status decode_body(struct reader *reader, gs_png_image *output) {
    if (setjmp(png_jmpbuf(reader->png))) {
        if (reader->ran_out_of_data) return GS_PNG_TRUNCATED;
        return reader->failure != GS_PNG_OK ? reader->failure : GS_PNG_CORRUPT;
    }
    png_set_read_fn(reader->png, reader, read_from_memory);
    png_read_info(reader->png, reader->info);
    check_data_can_fill(reader);

    const int color_type = png_get_color_type(reader->png, reader->info);
    const int source_depth = png_get_bit_depth(reader->png, reader->info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(reader->png);
    if (color_type == PNG_COLOR_TYPE_GRAY && source_depth < 8) png_set_expand_gray_1_2_4_to_8(reader->png);
    if (png_get_valid(reader->png, reader->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(reader->png);
    if (source_depth == 16 && host_is_little_endian()) png_set_swap(reader->png);
    png_set_interlace_handling(reader->png);
    png_read_update_info(reader->png, reader->info);

    const png_uint_32 width = png_get_image_width(reader->png, reader->info);
    const png_uint_32 height = png_get_image_height(reader->png, reader->info);
    const int depth = png_get_bit_depth(reader->png, reader->info);
    const int samples_per_pixel = png_get_channels(reader->png, reader->info);
    const size_t row_bytes = png_get_rowbytes(reader->png, reader->info);
    if (depth != 8 && depth != 16) fail_reading(reader, GS_PNG_CORRUPT, "unexpected bit depth after expansion");
    if (samples_per_pixel < 1 || samples_per_pixel > 4)
        fail_reading(reader, GS_PNG_CORRUPT, "unexpected channel count after expansion");
    if (row_bytes != (size_t)width * (size_t)samples_per_pixel * (size_t)(depth / 8))
        fail_reading(reader, GS_PNG_CORRUPT, "unexpected row size after expansion");
    if (height == 0 || row_bytes > GS_PNG_MAX_DECODED_BYTES / height)
        fail_reading(reader, GS_PNG_TOO_LARGE, "the decoded image would be too large");

    reader->pixels = (unsigned char *)malloc(row_bytes * height);
    reader->rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (reader->pixels == NULL || reader->rows == NULL)
        fail_reading(reader, GS_PNG_OUT_OF_MEMORY, "out of memory");
    for (png_uint_32 row = 0; row < height; row++) reader->rows[row] = reader->pixels + row_bytes * row;
    png_read_image(reader->png, reader->rows);
    png_read_end(reader->png, NULL);

    const int has_alpha = samples_per_pixel == 2 || samples_per_pixel == 4;
    output->width = width;
    output->height = height;
    output->channels = samples_per_pixel - has_alpha;
    output->has_alpha = has_alpha;
    output->bit_depth = depth;
    output->samples = reader->pixels;
    output->sample_count = (size_t)width * height * (size_t)samples_per_pixel;
    reader->pixels = NULL;
    return GS_PNG_OK;
}

gs_png_status gs_png_decode(const void *data, size_t size, gs_png_image *output,
                            char *message, size_t message_capacity) {
    write_message(message, message_capacity, "");
    if (output == NULL || (data == NULL && size > 0)) {
        write_message(message, message_capacity, "invalid arguments");
        return GS_PNG_INVALID_ARGUMENT;
    }
    memset(output, 0, sizeof *output);
    if (size == 0) {
        write_message(message, message_capacity, "the data is empty");
        return GS_PNG_TRUNCATED;
    }
    const size_t signature_length = size < 8 ? size : 8;
    if (png_sig_cmp((png_const_bytep)data, 0, signature_length) != 0) {
        write_message(message, message_capacity, "the data does not start with the PNG signature");
        return GS_PNG_NOT_PNG;
    }
    if (size < 8) {
        write_message(message, message_capacity, "the data ends inside the PNG signature");
        return GS_PNG_TRUNCATED;
    }

    struct reader reader;
    memset(&reader, 0, sizeof reader);
    reader.sink.message = message;
    reader.sink.capacity = message_capacity;
    reader.data = (const unsigned char *)data;
    reader.size = size;
    reader.failure = GS_PNG_OK;

    reader.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader.sink, on_error, on_warning);
    if (reader.png == NULL) {
        write_message(message, message_capacity, "out of memory");
        return GS_PNG_OUT_OF_MEMORY;
    }
    reader.info = png_create_info_struct(reader.png);
    gs_png_status status;
    if (reader.info == NULL) {
        write_message(message, message_capacity, "out of memory");
        status = GS_PNG_OUT_OF_MEMORY;
    } else {
        status = decode_body(&reader, output);
    }
    png_destroy_read_struct(&reader.png, reader.info == NULL ? NULL : &reader.info, NULL);
    free(reader.rows);
    free(reader.pixels);
    if (status != GS_PNG_OK) memset(output, 0, sizeof *output);
    return status;
}

/* ---------------------------------------------------------------------------------------------- */

struct writer {
    struct error_sink sink;
    png_structp png;
    png_infop info;
    unsigned char *bytes;
    size_t size;
    size_t capacity;
    gs_png_status failure;
};

static void write_to_memory(png_structp png, png_bytep source, size_t length) {
    struct writer *writer = (struct writer *)png_get_io_ptr(png);
    if (length > writer->capacity - writer->size) {
        size_t capacity = writer->capacity < 4096 ? 4096 : writer->capacity;
        while (capacity - writer->size < length) {
            if (capacity > SIZE_MAX / 2) {
                writer->failure = GS_PNG_OUT_OF_MEMORY;
                png_error(png, "the encoded image is too large");
            }
            capacity *= 2;
        }
        unsigned char *grown = (unsigned char *)realloc(writer->bytes, capacity);
        if (grown == NULL) {
            writer->failure = GS_PNG_OUT_OF_MEMORY;
            png_error(png, "out of memory");
        }
        writer->bytes = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->bytes + writer->size, source, length);
    writer->size += length;
}

static void flush_memory(png_structp png) {
    (void)png;
}

static gs_png_status encode_body(struct writer *writer, const unsigned char *samples, uint32_t width,
                                 uint32_t height, int color_type, int bit_depth, size_t row_bytes) {
    if (setjmp(png_jmpbuf(writer->png))) {
        return writer->failure != GS_PNG_OK ? writer->failure : GS_PNG_WRITE_ERROR;
    }
    png_set_write_fn(writer->png, writer, write_to_memory, flush_memory);
    png_set_IHDR(writer->png, writer->info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(writer->png, writer->info);
    /* Swapping is a data transformation, so libpng wants it after the header is written. */
    if (bit_depth == 16 && host_is_little_endian()) png_set_swap(writer->png);
    for (uint32_t row = 0; row < height; row++) png_write_row(writer->png, samples + row_bytes * row);
    png_write_end(writer->png, writer->info);
    return GS_PNG_OK;
}

gs_png_status gs_png_encode(const void *samples, uint32_t width, uint32_t height, int channels,
                            int has_alpha, int bit_depth, gs_png_encoded *output,
                            char *message, size_t message_capacity) {
    write_message(message, message_capacity, "");
    if (output == NULL || samples == NULL || width == 0 || height == 0) {
        write_message(message, message_capacity, "invalid arguments");
        return GS_PNG_INVALID_ARGUMENT;
    }
    output->bytes = NULL;
    output->size = 0;
    if (channels != 1 && channels != 3) {
        write_message(message, message_capacity, "PNG stores 1 (grey) or 3 (RGB) colour channels");
        return GS_PNG_INVALID_ARGUMENT;
    }
    if (bit_depth != 8 && bit_depth != 16) {
        write_message(message, message_capacity, "the bit depth must be 8 or 16");
        return GS_PNG_INVALID_ARGUMENT;
    }
    const int alpha = has_alpha != 0;
    const int color_type = channels == 1 ? (alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY)
                                         : (alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB);
    const size_t pixel_bytes = (size_t)(channels + alpha) * (size_t)(bit_depth / 8);
    if (width > SIZE_MAX / pixel_bytes) {
        write_message(message, message_capacity, "the image is too wide");
        return GS_PNG_INVALID_ARGUMENT;
    }
    const size_t row_bytes = pixel_bytes * width;

    struct writer writer;
    memset(&writer, 0, sizeof writer);
    writer.sink.message = message;
    writer.sink.capacity = message_capacity;
    writer.failure = GS_PNG_OK;

    writer.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer.sink, on_error, on_warning);
    if (writer.png == NULL) {
        write_message(message, message_capacity, "out of memory");
        return GS_PNG_OUT_OF_MEMORY;
    }
    writer.info = png_create_info_struct(writer.png);
    gs_png_status status;
    if (writer.info == NULL) {
        write_message(message, message_capacity, "out of memory");
        status = GS_PNG_OUT_OF_MEMORY;
    } else {
        status = encode_body(&writer, (const unsigned char *)samples, width, height, color_type, bit_depth,
                             row_bytes);
    }
    png_destroy_write_struct(&writer.png, writer.info == NULL ? NULL : &writer.info);
    if (status != GS_PNG_OK) {
        free(writer.bytes);
        return status;
    }
    output->bytes = writer.bytes;
    output->size = writer.size;
    return GS_PNG_OK;
}

void gs_png_free(void *buffer) {
    free(buffer);
}
