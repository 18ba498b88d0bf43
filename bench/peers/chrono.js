// chrono-node's parse over every document of a JSON Lines dump (the texts
// claimx reads), each with its publication date as reference. Prints the
// documents, dates found and bytes of text on stdout as JSON.
const fs = require('fs');
const readline = require('readline');
const chrono = require('chrono-node');

async function main() {
  const rl = readline.createInterface({input: fs.createReadStream(process.argv[2])});
  let docs = 0, dates = 0, bytes = 0;
  for await (const line of rl) {
    if (!line) continue;
    const d = JSON.parse(line);
    const ref = d.published ? new Date(d.published) : new Date(2024, 0, 1);
    dates += chrono.parse(d.text || '', ref).length;
    bytes += Buffer.byteLength(line);
    docs++;
  }
  console.log(JSON.stringify({docs, dates, bytes}));
}
main();
