/* libFuzzer target: decompression (gzip, zstd, plain by magic bytes) under
 * the JSON Lines reader, with a small decoded-size limit. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cx_read_options o = fuzz_options();
  o.max_input_bytes = 4u << 20;
  fuzz_read("jsonl", "fuzz.jsonl.gz", &o, data, size);
  return 0;
}
