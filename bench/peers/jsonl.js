// Shared by the peer harnesses: calls fn(text, refDate) for each document of
// a JSON Lines dump (the texts claimx reads; the reference date is the
// document's publication date) and prints the counts fn filled in, with the
// documents, bytes and CPU seconds of the document loop alone (without node's
// start-up and the library's load), as one JSON line.
const fs = require('fs');
const readline = require('readline');

module.exports = async function eachDoc(counts, fn) {
  const rl = readline.createInterface({input: fs.createReadStream(process.argv[2])});
  let docs = 0, bytes = 0;
  const t0 = process.cpuUsage();
  for await (const line of rl) {
    if (!line) continue;
    const d = JSON.parse(line);
    fn(d.text || '', d.published ? new Date(d.published) : new Date(2024, 0, 1));
    bytes += Buffer.byteLength(line) + 1;
    docs++;
  }
  const t = process.cpuUsage(t0);
  console.log(JSON.stringify({docs, bytes, loop_cpu_s: +((t.user + t.system) / 1e6).toFixed(2), ...counts}));
};
