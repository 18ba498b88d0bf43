/* libFuzzer target: the warc reader over arbitrary bytes. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cx_read_options o = fuzz_options();
  fuzz_read("warc", "fuzz.warc", &o, data, size);
  return 0;
}
