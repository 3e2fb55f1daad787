// icaljs_dump.mjs - parses iCalendar files with Mozilla's ical.js (the parser
// in Thunderbird) and prints, per file, its calendar properties and events as
// JSON: {"FILE": {"calendar": {...}, "events": [{uid, sequence, start, end,
// ...}]}}. Times are instants (seconds since the epoch), computed by ical.js
// from the feed's own VTIMEZONE. Exits 1 (message on stderr) when a file does
// not parse.
//     node icaljs_dump.mjs FILE.ics...
import fs from 'node:fs';
import ICAL from 'ical.js';

const out = {};
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const cal = new ICAL.Component(ICAL.parse(text));
    if (cal.name !== 'vcalendar') throw new Error(`top component is ${cal.name}`);
    // Zones come from the feed itself, never from a built-in database.
    const zones = {};
    for (const vtz of cal.getAllSubcomponents('vtimezone')) {
      const tz = new ICAL.Timezone(vtz);
      zones[tz.tzid] = tz;
    }
    const instant = (prop) => {
      const t = prop.getFirstValue();
      const tzid = prop.getParameter('tzid');
      if (tzid) {
        if (!zones[tzid]) throw new Error(`TZID ${tzid} has no VTIMEZONE`);
        t.zone = zones[tzid];
      }
      return t.toUnixTime();
    };
    const calendar = {};
    for (const name of ['prodid', 'version', 'calscale', 'name', 'x-wr-calname',
                        'refresh-interval', 'x-published-ttl', 'method']) {
      const v = cal.getFirstPropertyValue(name);
      calendar[name] = v === null ? null : String(v);
    }
    const events = cal.getAllSubcomponents('vevent').map((ev) => {
      const geo = ev.getFirstPropertyValue('geo');
      return {
        uid: ev.getFirstPropertyValue('uid'),
        sequence: ev.getFirstPropertyValue('sequence'),
        dtstamp: ev.getFirstPropertyValue('dtstamp')?.toUnixTime() ?? null,
        start: instant(ev.getFirstProperty('dtstart')),
        end: instant(ev.getFirstProperty('dtend')),
        start_tzid: ev.getFirstProperty('dtstart').getParameter('tzid') ?? null,
        summary: ev.getFirstPropertyValue('summary'),
        location: ev.getFirstPropertyValue('location'),
        description: ev.getFirstPropertyValue('description'),
        geo: geo ? [Number(geo[0]), Number(geo[1])] : null,
        status: ev.getFirstPropertyValue('status'),
      };
    });
    out[file] = { calendar, events };
  } catch (e) {
    process.stderr.write(`${file}: ical.js: ${e.message}\n`);
    failed = true;
  }
}
process.stdout.write(JSON.stringify(out));
process.exit(failed ? 1 : 0);
