/* Byte streams for readers: a file or stdin, read in chunks. Compressed
 * input (gzip, zstd) is recognised by its magic bytes and decompressed as it
 * streams, with a limit on the decompressed size. */
#ifndef CX_STREAM_H
#define CX_STREAM_H

#include "cx.h"

typedef struct cx_stream cx_stream;

/* path "-" is stdin. NULL with diag set when it cannot be opened. */
cx_stream *cx_stream_open(const char *path, cx_diag *diag);
/* A stream over bytes in memory (tests, fuzzing); data must outlive it. */
cx_stream *cx_stream_open_mem(const void *data, size_t n, const char *path);
/* Caps the decoded (decompressed) bytes of the whole input; beyond it reads
 * fail with CX_ERR_TOO_LARGE. 0 = no cap. */
void cx_stream_set_limit(cx_stream *s, size_t max_bytes);
void cx_stream_close(cx_stream *s);
/* Reads up to n bytes; 0 at end; -1 on error (diag set). */
long cx_stream_read(cx_stream *s, void *buf, size_t n, cx_diag *diag);
/* Reads one line (without the newline) into b (reset first). Returns 1 for a
 * line, 0 at end, -1 on error; lines longer than max are consumed and
 * reported as error CX_ERR_TOO_LARGE (returns -2). */
int cx_stream_getline(cx_stream *s, cx_buf *b, size_t max, cx_diag *diag);
/* Reads the whole rest into b; CX_ERR_TOO_LARGE beyond max. */
cx_status cx_stream_read_all(cx_stream *s, cx_buf *b, size_t max,
                             cx_diag *diag);
/* Total bytes consumed from the underlying file (for progress). */
size_t cx_stream_raw_offset(const cx_stream *s);
const char *cx_stream_path(const cx_stream *s);

#endif
