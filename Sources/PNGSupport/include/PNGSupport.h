#ifndef GROUPSPARSE_PNG_SUPPORT_H
#define GROUPSPARSE_PNG_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The outcome of a decode or encode call. Every failure also leaves a NUL-terminated message.
typedef enum gs_png_status {
    /// The call succeeded and its output owns a buffer to release with `gs_png_free`.
    GS_PNG_OK = 0,
    /// The data does not start with the PNG signature.
    GS_PNG_NOT_PNG,
    /// The data ends before the image does.
    GS_PNG_TRUNCATED,
    /// libpng rejected the data (bad CRC, bad chunk, invalid header, ...).
    GS_PNG_CORRUPT,
    /// The decoded samples would exceed `GS_PNG_MAX_DECODED_BYTES`.
    GS_PNG_TOO_LARGE,
    /// An allocation failed.
    GS_PNG_OUT_OF_MEMORY,
    /// The caller passed arguments that describe no valid PNG (null pointers, bad depth or layout).
    GS_PNG_INVALID_ARGUMENT,
    /// libpng refused to write the image.
    GS_PNG_WRITE_ERROR
} gs_png_status;

/// Upper bound on the size of a decoded sample buffer, so a tiny hostile header cannot demand terabytes.
#define GS_PNG_MAX_DECODED_BYTES ((size_t)1 << 31)

/// A decoded image with every libpng expansion applied.
typedef struct gs_png_image {
    /// Columns.
    uint32_t width;
    /// Rows.
    uint32_t height;
    /// Colour channels, not counting alpha: 1 (grey) or 3 (RGB).
    int channels;
    /// Nonzero when every pixel carries an alpha sample after its colour samples.
    int has_alpha;
    /// 8 or 16.
    int bit_depth;
    /// Interleaved samples, row after row: `uint8_t` for depth 8, host-order `uint16_t` for depth 16.
    void *samples;
    /// Number of samples in `samples`: `width * height * (channels + has_alpha)`.
    size_t sample_count;
} gs_png_image;

/// An encoded PNG held in memory.
typedef struct gs_png_encoded {
    /// The PNG file bytes.
    unsigned char *bytes;
    /// Number of bytes.
    size_t size;
} gs_png_encoded;

/// Decodes the PNG in `data[0 ..< size]`.
///
/// Palettes become RGB, 1-, 2- and 4-bit grey becomes 8-bit, a tRNS chunk becomes an alpha channel,
/// interlacing is undone, and 16-bit samples stay 16-bit in host byte order. On success
/// `output->samples` must be released with `gs_png_free`; on failure nothing needs releasing and
/// `message` holds a NUL-terminated explanation (truncated to `message_capacity`).
gs_png_status gs_png_decode(const void *data, size_t size, gs_png_image *output,
                            char *message, size_t message_capacity);

/// Encodes interleaved samples as a non-interlaced PNG.
///
/// `samples` holds `width * height * (channels + (has_alpha ? 1 : 0))` values, row after row:
/// `uint8_t` for depth 8, host-order `uint16_t` for depth 16. `channels` must be 1 or 3. On success
/// `output->bytes` must be released with `gs_png_free`; on failure `message` explains why.
gs_png_status gs_png_encode(const void *samples, uint32_t width, uint32_t height, int channels,
                            int has_alpha, int bit_depth, gs_png_encoded *output,
                            char *message, size_t message_capacity);

/// Releases a buffer handed out by `gs_png_decode` or `gs_png_encode`.
void gs_png_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
