// Drives Xen Orchestra's xen-api client against jxapi and reports what it sees, one JSON object per line.
import { createClient } from 'xen-api'

const [url, password, asyncName] = process.argv.slice(2)
const say = o => process.stdout.write(JSON.stringify(o) + '\n')

const xapi = createClient({ url, auth: { user: 'root', password }, allowUnauthorized: true, readOnly: false })
xapi.on('eventFetchingError', e => say({ event: 'event-error', error: String(e) }))

const seen = new Set()
function report(objects) {
  for (const o of Object.values(objects)) {
    if (o.$type === 'VM' && !seen.has(o.$ref + o.name_label)) {
      seen.add(o.$ref + o.name_label)
      say({ event: 'vm', ref: o.$ref, name: o.name_label, at: Date.now() })
    }
  }
}
xapi.objects.on('add', report)
xapi.objects.on('update', report)

try {
  await xapi.connect()
  await xapi.objectsFetched
  say({ event: 'ready', pool: xapi.pool.$ref, types: xapi._types.length })
  const ref = await xapi.callAsync('VM.create', { name_label: asyncName, memory_static_max: 268435456,
    memory_dynamic_max: 268435456, memory_dynamic_min: 268435456, memory_static_min: 268435456,
    VCPUs_max: 1, VCPUs_at_startup: 1, other_config: {} })
  say({ event: 'async', result: ref })
} catch (error) {
  say({ event: 'error', error: String(error), code: error?.code })
  process.exit(1)
}
// Keep watching until the test stops us.
setInterval(() => {}, 1000)
