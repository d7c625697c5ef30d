/**
 * JSON Schema (draft-07) for HAR 1.2 as Sockets writes it: the spec's required fields for log,
 * creator, pages, entries, request, response, content, cache and timings, plus Chrome's
 * `_webSocketMessages` shape (send/receive only; Chrome's own "error" frames would not pass).
 * Custom `_` fields are allowed everywhere, as the spec allows.
 */
const nameValue = {
  type: 'object',
  required: ['name', 'value'],
  properties: { name: { type: 'string' }, value: { type: 'string' }, comment: { type: 'string' } },
};

const list = (ref: string) => ({ type: 'array', items: { $ref: `#/definitions/${ref}` } });

export const harSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['log'],
  properties: { log: { $ref: '#/definitions/log' } },
  definitions: {
    dateTime: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
    },
    nameValue,
    cookie: {
      type: 'object',
      required: ['name', 'value'],
      properties: {
        name: { type: 'string' },
        value: { type: 'string' },
        path: { type: 'string' },
        domain: { type: 'string' },
        expires: { type: ['string', 'null'] },
        httpOnly: { type: 'boolean' },
        secure: { type: 'boolean' },
        comment: { type: 'string' },
      },
    },
    log: {
      type: 'object',
      required: ['version', 'creator', 'entries'],
      properties: {
        version: { type: 'string' },
        creator: { $ref: '#/definitions/creator' },
        browser: { $ref: '#/definitions/creator' },
        pages: list('page'),
        entries: list('entry'),
        comment: { type: 'string' },
      },
    },
    creator: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'string' }, comment: { type: 'string' } },
    },
    page: {
      type: 'object',
      required: ['startedDateTime', 'id', 'title', 'pageTimings'],
      properties: {
        startedDateTime: { $ref: '#/definitions/dateTime' },
        id: { type: 'string' },
        title: { type: 'string' },
        pageTimings: {
          type: 'object',
          properties: { onContentLoad: { type: 'number', minimum: -1 }, onLoad: { type: 'number', minimum: -1 } },
        },
        comment: { type: 'string' },
      },
    },
    entry: {
      type: 'object',
      required: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
      properties: {
        pageref: { type: 'string' },
        startedDateTime: { $ref: '#/definitions/dateTime' },
        time: { type: 'number', minimum: 0 },
        request: { $ref: '#/definitions/request' },
        response: { $ref: '#/definitions/response' },
        cache: { type: 'object' },
        timings: { $ref: '#/definitions/timings' },
        serverIPAddress: { type: 'string' },
        connection: { type: 'string' },
        comment: { type: 'string' },
        _webSocketMessages: list('webSocketMessage'),
      },
    },
    request: {
      type: 'object',
      required: ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'],
      properties: {
        method: { type: 'string' },
        url: { type: 'string' },
        httpVersion: { type: 'string' },
        cookies: list('cookie'),
        headers: list('nameValue'),
        queryString: list('nameValue'),
        postData: { type: 'object', required: ['mimeType'], properties: { mimeType: { type: 'string' } } },
        headersSize: { type: 'integer', minimum: -1 },
        bodySize: { type: 'integer', minimum: -1 },
        comment: { type: 'string' },
      },
    },
    response: {
      type: 'object',
      required: ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'],
      properties: {
        status: { type: 'integer' },
        statusText: { type: 'string' },
        httpVersion: { type: 'string' },
        cookies: list('cookie'),
        headers: list('nameValue'),
        content: { $ref: '#/definitions/content' },
        redirectURL: { type: 'string' },
        headersSize: { type: 'integer', minimum: -1 },
        bodySize: { type: 'integer', minimum: -1 },
        comment: { type: 'string' },
      },
    },
    content: {
      type: 'object',
      required: ['size', 'mimeType'],
      properties: {
        size: { type: 'integer' },
        compression: { type: 'integer' },
        mimeType: { type: 'string' },
        text: { type: 'string' },
        encoding: { type: 'string' },
        comment: { type: 'string' },
      },
    },
    timings: {
      type: 'object',
      required: ['send', 'wait', 'receive'],
      properties: {
        blocked: { type: 'number', minimum: -1 },
        dns: { type: 'number', minimum: -1 },
        connect: { type: 'number', minimum: -1 },
        ssl: { type: 'number', minimum: -1 },
        send: { type: 'number', minimum: 0 },
        wait: { type: 'number', minimum: 0 },
        receive: { type: 'number', minimum: 0 },
        comment: { type: 'string' },
      },
    },
    webSocketMessage: {
      type: 'object',
      required: ['type', 'time', 'opcode', 'data'],
      properties: {
        type: { enum: ['send', 'receive'] },
        time: { type: 'number' },
        opcode: { enum: [1, 2] },
        data: { type: 'string' },
      },
    },
  },
};
