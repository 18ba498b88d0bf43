/* libFuzzer target: the generic XML reader over arbitrary bytes, with its
 * defaults and with a NITF-like set of XPath options. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cx_read_options o = fuzz_options();
  fuzz_read("xml", "fuzz.xml", &o, data, size);
  o.xml_doc = "//nitf | //doc";
  o.xml_text = ".//body.content | .//p";
  o.xml_title = ".//hl1";
  o.xml_date = ".//date.issue/@norm";
  o.xml_outlet = "string(.//pubdata/@name)";
  o.xml_id = ".//doc-id/@id-string";
  fuzz_read("xml", "fuzz.xml", &o, data, size);
  return 0;
}
