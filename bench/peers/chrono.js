// chrono-node (dates only): chrono.parse over each document, with its
// publication date as reference.
const chrono = require('chrono-node');
const c = {dates: 0};
require('./jsonl')(c, (text, ref) => { c.dates += chrono.parse(text, ref).length; });
