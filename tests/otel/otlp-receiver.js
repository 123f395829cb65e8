#!/usr/bin/env node
// A strict OTLP/HTTP trace receiver for tests. It decodes every request against the official
// .proto schema (Debian's opentelemetry-proto package) and rejects, with 400 and a list of
// problems, anything a lenient collector would silently accept or mangle: unknown or
// snake_case JSON keys, enum names instead of numbers, ids that are not lowercase hex of the
// right length (or are all zero), timestamps not in Unix nanoseconds, spans without a name,
// resources without service.name, empty requests.
//
// Usage: node otlp-receiver.js [--port N] [--proto-root DIR]
// Prints "listening <port>" once ready. Besides POST /v1/traces it answers
//   GET /spans   every accepted span, flattened (ids as hex, attributes as a key -> value map)
//   GET /stats   {"accepted": requests, "rejected": requests, "errors": [...], "contentTypes": [...]}
// so the test can assert on what arrived.

'use strict';

const http = require('http');
const path = require('path');
const fs = require('fs');
const protobuf = require('protobufjs');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const protoRoot = option('--proto-root', '/usr/include');
const port = Number(option('--port', '0'));

const root = new protobuf.Root();
root.resolvePath = (origin, target) => {
  const candidate = path.join(protoRoot, target);
  return fs.existsSync(candidate) ? candidate : protobuf.util.path.resolve(origin, target);
};
root.loadSync(path.join(protoRoot, 'opentelemetry/proto/collector/trace/v1/trace_service.proto'));
root.resolveAll();
const RequestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const ResponseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');

// OTLP/JSON writes these bytes fields as hex, with their exact byte length.
const HEX_IDS = { traceId: 16, spanId: 8, parentSpanId: 8 };
const INT64_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32_TYPES = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

// Walks a JSON value against a protobuf message type, collecting every deviation from the
// OTLP/JSON encoding instead of stopping at the first.
function checkJsonMessage(value, type, where, errors) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${where}: must be an object`);
    return;
  }
  const oneofsSeen = new Map();
  for (const [key, fieldValue] of Object.entries(value)) {
    const field = type.fields[key];
    if (!field) {
      errors.push(`${where}.${key}: unknown field of ${type.name}` +
        (key.includes('_') ? ' (OTLP/JSON keys are lowerCamelCase)' : ''));
      continue;
    }
    if (field.partOf) {
      const other = oneofsSeen.get(field.partOf.name);
      if (other)
        errors.push(`${where}: both ${other} and ${key} of oneof ${field.partOf.name}`);
      oneofsSeen.set(field.partOf.name, key);
    }
    const at = `${where}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(fieldValue)) {
        errors.push(`${at}: must be an array`);
        continue;
      }
      fieldValue.forEach((item, i) => checkJsonValue(item, field, `${at}[${i}]`, errors));
    } else {
      checkJsonValue(fieldValue, field, at, errors);
    }
  }
}

function checkJsonValue(value, field, at, errors) {
  field.resolve();
  if (field.resolvedType instanceof protobuf.Type) {
    checkJsonMessage(value, field.resolvedType, at, errors);
    return;
  }
  if (field.resolvedType instanceof protobuf.Enum) {
    if (!Number.isInteger(value))
      errors.push(`${at}: enum ${field.resolvedType.name} must be an integer, not ${JSON.stringify(value)}`);
    else if (!Object.values(field.resolvedType.values).includes(value))
      errors.push(`${at}: ${value} is not a value of ${field.resolvedType.name}`);
    return;
  }
  const t = field.type;
  if (t === 'bytes') {
    const length = HEX_IDS[field.name];
    if (length !== undefined) {
      const allowEmpty = field.name === 'parentSpanId';
      if (typeof value !== 'string' || !(allowEmpty && value === '') &&
          !new RegExp(`^[0-9a-f]{${2 * length}}$`).test(value))
        errors.push(`${at}: must be ${2 * length} lowercase hex digits, not ${JSON.stringify(value)}`);
    } else if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      errors.push(`${at}: bytes must be base64`);
    }
  } else if (INT64_TYPES.has(t)) {
    if (!(typeof value === 'string' && /^-?\d+$/.test(value)) && !Number.isSafeInteger(value))
      errors.push(`${at}: ${t} must be a decimal string or an integer, not ${JSON.stringify(value)}`);
  } else if (INT32_TYPES.has(t)) {
    if (!Number.isInteger(value))
      errors.push(`${at}: ${t} must be an integer`);
  } else if (t === 'double' || t === 'float') {
    if (typeof value !== 'number' && !['NaN', 'Infinity', '-Infinity'].includes(value))
      errors.push(`${at}: ${t} must be a number`);
  } else if (t === 'bool') {
    if (typeof value !== 'boolean')
      errors.push(`${at}: bool must be true or false`);
  } else if (t === 'string') {
    if (typeof value !== 'string')
      errors.push(`${at}: must be a string`);
  }
}

// JSON ids are hex; protobufjs's JSON form of bytes is base64.
function hexIdsToBase64(value) {
  if (Array.isArray(value))
    return value.map(hexIdsToBase64);
  if (value === null || typeof value !== 'object')
    return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = HEX_IDS[key] !== undefined && typeof v === 'string'
      ? Buffer.from(v, 'hex').toString('base64')
      : hexIdsToBase64(v);
  }
  return out;
}

function anyValue(v) {
  if (!v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('arrayValue' in v) return (v.arrayValue.values || []).map(anyValue);
  if ('kvlistValue' in v) return attributeMap(v.kvlistValue.values);
  if ('bytesValue' in v) return v.bytesValue;
  return null;
}

function attributeMap(list) {
  const out = {};
  for (const kv of list || []) out[kv.key] = anyValue(kv.value);
  return out;
}

const base64ToHex = (b) => Buffer.from(b || '', 'base64').toString('hex');

// Checks what both encodings must satisfy and flattens the spans for the test.
function checkAndFlatten(message, errors) {
  const object = RequestType.toObject(message, { longs: String, enums: Number, bytes: String, oneofs: true });
  const spans = [];
  const resourceSpans = object.resourceSpans || [];
  resourceSpans.forEach((rs, r) => {
    const resource = attributeMap(rs.resource && rs.resource.attributes);
    if (typeof resource['service.name'] !== 'string' || resource['service.name'] === '')
      errors.push(`resourceSpans[${r}].resource: no service.name`);
    (rs.scopeSpans || []).forEach((ss, s) => {
      (ss.spans || []).forEach((span, i) => {
        const at = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        const traceId = base64ToHex(span.traceId);
        const spanId = base64ToHex(span.spanId);
        const parentSpanId = base64ToHex(span.parentSpanId);
        if (!/^[0-9a-f]{32}$/.test(traceId) || /^0+$/.test(traceId))
          errors.push(`${at}.traceId: must be 16 bytes, not all zero`);
        if (!/^[0-9a-f]{16}$/.test(spanId) || /^0+$/.test(spanId))
          errors.push(`${at}.spanId: must be 8 bytes, not all zero`);
        if (parentSpanId !== '' && (!/^[0-9a-f]{16}$/.test(parentSpanId) || /^0+$/.test(parentSpanId)))
          errors.push(`${at}.parentSpanId: must be empty or 8 bytes, not all zero`);
        if (!span.name)
          errors.push(`${at}.name: empty`);
        const start = BigInt(span.startTimeUnixNano || '0');
        const end = BigInt(span.endTimeUnixNano || '0');
        // 2001-09-09 .. 2286-11-20 in nanoseconds: milli- or microseconds fall far below.
        if (start < 1000000000000000000n || start >= 10000000000000000000n)
          errors.push(`${at}.startTimeUnixNano: ${start} is not Unix time in nanoseconds`);
        if (end < start)
          errors.push(`${at}.endTimeUnixNano: before the start`);
        spans.push({
          traceId, spanId, parentSpanId,
          name: span.name,
          kind: span.kind || 0,
          status: { code: (span.status && span.status.code) || 0, message: (span.status && span.status.message) || '' },
          attributes: attributeMap(span.attributes),
          events: (span.events || []).map((e) => ({ name: e.name, attributes: attributeMap(e.attributes) })),
          startTimeUnixNano: String(start),
          endTimeUnixNano: String(end),
          resource,
          scope: ss.scope ? ss.scope.name : '',
        });
      });
    });
  });
  if (spans.length === 0)
    errors.push('the request holds no span');
  return spans;
}

const accepted = [];
const stats = { accepted: 0, rejected: 0, errors: [], contentTypes: [] };

function reply(res, status, contentType, body) {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

function handleExport(req, body, res) {
  const contentType = (req.headers['content-type'] || '').split(';')[0].trim();
  const errors = [];
  let message = null;
  if (contentType === 'application/x-protobuf') {
    try {
      message = RequestType.decode(body);
    } catch (e) {
      errors.push(`protobuf: ${e.message}`);
    }
  } else if (contentType === 'application/json') {
    let json;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (e) {
      errors.push(`json: ${e.message}`);
    }
    if (json !== undefined) {
      checkJsonMessage(json, RequestType, '$', errors);
      if (errors.length === 0) {
        try {
          message = RequestType.fromObject(hexIdsToBase64(json));
        } catch (e) {
          errors.push(`json: ${e.message}`);
        }
      }
    }
  } else {
    errors.push(`unsupported Content-Type ${JSON.stringify(contentType)}`);
  }
  const spans = message ? checkAndFlatten(message, errors) : [];
  if (errors.length > 0) {
    stats.rejected += 1;
    stats.errors.push(...errors.slice(0, 50));
    process.stderr.write(`rejected ${contentType}: ${errors.slice(0, 5).join('; ')}\n`);
    reply(res, 400, 'application/json', Buffer.from(JSON.stringify({ errors })));
    return;
  }
  stats.accepted += 1;
  if (!stats.contentTypes.includes(contentType))
    stats.contentTypes.push(contentType);
  accepted.push(...spans);
  if (contentType === 'application/json')
    reply(res, 200, 'application/json', Buffer.from('{}'));
  else
    reply(res, 200, 'application/x-protobuf', Buffer.from(ResponseType.encode(ResponseType.create({})).finish()));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method === 'POST' && req.url === '/v1/traces')
      return handleExport(req, body, res);
    if (req.method === 'GET' && req.url === '/spans')
      return reply(res, 200, 'application/json', Buffer.from(JSON.stringify(accepted)));
    if (req.method === 'GET' && req.url === '/stats')
      return reply(res, 200, 'application/json', Buffer.from(JSON.stringify(stats)));
    reply(res, 404, 'text/plain', Buffer.from('not found\n'));
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
