import { actionCable } from './actioncable';
import { cbor, json, msgpack } from './generic';
import { graphql } from './graphql';
import { mqtt } from './mqtt';
import { phoenix } from './phoenix';
import { protobuf } from './protobuf';
import { signalr } from './signalr';
import { socketIo, socketIoV3 } from './socketio';
import { sockjs } from './sockjs';
import { stomp } from './stomp';
import type { DecoderDef } from './types';
import { wamp } from './wamp';

/** Protocol decoders, in sniffing priority order. */
export const specific: DecoderDef[] = [socketIo, socketIoV3, sockjs, stomp, mqtt, signalr, graphql, actionCable, phoenix, wamp];
/** Format decoders, sniffed only when no protocol decoder recognised the traffic. */
export const generic: DecoderDef[] = [msgpack, cbor, protobuf, json];

export const all: DecoderDef[] = [...specific, ...generic];
export const byId = new Map(all.map((d) => [d.id, d]));
