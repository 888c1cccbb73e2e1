<?php
/**
 * A WebSocket echo server in plain PHP (8.2 CLI), with no framework and no extension beyond
 * the standard streams: it exists to show, in one readable file, what a WebSocket server does
 * (RFC 6455). It echoes text as text and binary as binary, like the course's /echo endpoint.
 *
 * Usage:  php php/echo-server.php [--host 127.0.0.1] [--port 8081] [--max-payload 1048576]
 *   Limits as on the Node server: 1009 above --max-payload, 1008 above 50 messages/s (burst 100).
 *   --host 0.0.0.0   listens on every interface (a classroom); the default is local only.
 *   --port 0         picks a free port (tests); the chosen address is printed on start.
 *
 * One process serves every client: stream_select() waits until one of the sockets has
 * something to read or room to write, so no connection ever blocks another.
 */

declare(strict_types=1);

// The GUID every WebSocket server appends to the client's key (RFC 6455 §1.3).
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

// Opcodes (RFC 6455 §5.2).
const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xA;

// Close codes this server sends (RFC 6455 §7.4.1).
const CLOSE_GOING_AWAY = 1001;
const CLOSE_PROTOCOL_ERROR = 1002;
const CLOSE_INVALID_DATA = 1007;
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_TOO_BIG = 1009;

// Subprotocols spoken, as on the course's /echo: the first one the client offers wins.
const PROTOCOLS = ['json', 'chat'];
const MAX_HEADER_BYTES = 8192;
const MAX_BUFFERED = 4 * 1024 * 1024; // unsent bytes held for a peer that does not read
const RATE_LIMIT = 50;      // sustained messages per second per connection, as on the Node server
const RATE_BURST = 100;     // messages allowed in a burst above that rate
const PING_INTERVAL = 30;   // seconds between pings; a peer silent for a whole interval is cut
const CLOSE_TIMEOUT = 2;    // seconds to wait for the peer at each step of a close

$options = getopt('', ['host:', 'port:', 'max-payload:']);
$host = $options['host'] ?? '127.0.0.1';
$port = (int) ($options['port'] ?? 8081);
$maxPayload = (int) ($options['max-payload'] ?? 1024 * 1024);

$server = @stream_socket_server("tcp://$host:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "Impossible d'écouter sur $host:$port : $errstr\n");
    exit(1);
}
stream_set_blocking($server, false);
echo 'Serveur d\'écho PHP à l\'écoute sur ws://' . stream_socket_get_name($server, false) . "/\n";

/** @var array<int, array<string, mixed>> $clients one entry per connection, keyed by stream id */
$clients = [];
$stopping = false;
if (function_exists('pcntl_async_signals')) {
    pcntl_async_signals(true);
    $stop = function () use (&$stopping) { $stopping = true; };
    pcntl_signal(SIGINT, $stop);
    pcntl_signal(SIGTERM, $stop);
}

/** Builds one unmasked frame: servers never mask (RFC 6455 §5.1). */
function encodeFrame(int $opcode, string $payload): string
{
    $length = strlen($payload);
    $head = chr(0x80 | $opcode); // FIN = 1: every frame we send is a whole message
    if ($length < 126) {
        $head .= chr($length);
    } elseif ($length < 65536) {
        $head .= chr(126) . pack('n', $length);      // 16-bit length, big-endian
    } else {
        $head .= chr(127) . pack('J', $length);      // 64-bit length, big-endian
    }
    return $head . $payload;
}

/** Queues a frame; the main loop writes it when the socket has room. */
function send(array &$client, int $opcode, string $payload): void
{
    if ($client['closeSent']) {
        return; // nothing may follow a close frame
    }
    $client['closeSent'] = $opcode === OP_CLOSE;
    $client['out'] .= encodeFrame($opcode, $payload);
    if (strlen($client['out']) > MAX_BUFFERED) {
        $client['dead'] = true; // it does not read what we send: stop holding memory for it
    }
}

/** Closes from our side: on a protocol failure at once, otherwise after the peer's reply. */
function startClose(array &$client, int $code, string $reason, bool $failure = true): void
{
    send($client, OP_CLOSE, pack('n', $code) . $reason);
    $client['failed'] = $client['failed'] || $failure; // what follows a bad frame is garbage
    $client['closing'] ??= microtime(true) + ($failure ? 0 : CLOSE_TIMEOUT);
}

/** True when the string is valid UTF-8 (PCRE refuses to match anything else in /u mode). */
function isUtf8(string $text): bool
{
    return preg_match('//u', $text) === 1;
}

/** Answers the HTTP Upgrade request; returns false (after an HTTP error) when it is not one. */
function handshake(array &$client, string $request): bool
{
    $lines = explode("\r\n", $request);
    $headers = [];
    foreach (array_slice($lines, 1) as $line) {
        [$name, $value] = array_pad(explode(':', $line, 2), 2, '');
        $headers[strtolower(trim($name))] = trim($value);
    }
    $key = $headers['sec-websocket-key'] ?? '';
    $valid = preg_match('#^GET \S+ HTTP/1\.1$#', $lines[0]) === 1
        && strtolower($headers['upgrade'] ?? '') === 'websocket'
        && stripos($headers['connection'] ?? '', 'upgrade') !== false
        && ($headers['sec-websocket-version'] ?? '') === '13'
        && strlen((string) base64_decode($key, true)) === 16;
    if (!$valid) {
        $body = "Requête WebSocket invalide.\n";
        $client['out'] .= "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
            . "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body";
        $client['failed'] = true;
        $client['closing'] = microtime(true); // hang up once the answer is written
        return false;
    }
    // The proof that we speak WebSocket: base64(SHA-1(key + GUID)).
    $accept = base64_encode(sha1($key . WS_GUID, true));
    $response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        . "Sec-WebSocket-Accept: $accept\r\n";
    $offered = array_map('trim', explode(',', $headers['sec-websocket-protocol'] ?? ''));
    foreach ($offered as $protocol) {
        if (in_array($protocol, PROTOCOLS, true)) {
            $response .= "Sec-WebSocket-Protocol: $protocol\r\n";
            break;
        }
    }
    $client['out'] .= "$response\r\n";
    return true;
}

/**
 * Decodes every complete frame at the start of the input buffer and reacts to it.
 * A frame: FIN+RSV+opcode (1 byte), MASK+length (1 byte), extended length (0, 2 or 8 bytes),
 * masking key (4 bytes), then the masked payload.
 */
function readFrames(array &$client, int $maxPayload): void
{
    while (!$client['failed']) {
        $buffer = $client['in'];
        if (strlen($buffer) < 2) {
            return;
        }
        $b0 = ord($buffer[0]);
        $b1 = ord($buffer[1]);
        $fin = ($b0 & 0x80) !== 0;
        $opcode = $b0 & 0x0F;
        $masked = ($b1 & 0x80) !== 0;
        $length = $b1 & 0x7F;
        $offset = 2;
        if ($length === 126) {
            if (strlen($buffer) < 4) {
                return;
            }
            $length = unpack('n', $buffer, 2)[1];
            $offset = 4;
        } elseif ($length === 127) {
            if (strlen($buffer) < 10) {
                return;
            }
            $length = unpack('J', $buffer, 2)[1]; // negative if the forbidden top bit is set
            $offset = 10;
        }
        if (($b0 & 0x70) !== 0 || !$masked || $length < 0) {
            // RSV bits need a negotiated extension; clients must mask (RFC 6455 §5.1).
            startClose($client, CLOSE_PROTOCOL_ERROR, $masked ? 'Trame invalide' : 'Trame non masquée');
            return;
        }
        $isControl = $opcode >= 0x8;
        if ($isControl && (!$fin || $length > 125)) {
            startClose($client, CLOSE_PROTOCOL_ERROR, 'Trame de contrôle invalide');
            return;
        }
        // Refuse before buffering: the length is known as soon as the header is.
        if ($length + strlen($client['fragments']) > $maxPayload) {
            startClose($client, CLOSE_TOO_BIG, 'Message trop volumineux');
            return;
        }
        if (strlen($buffer) < $offset + 4 + $length) {
            return; // the rest of the frame has not arrived yet
        }
        $mask = substr($buffer, $offset, 4);
        $payload = substr($buffer, $offset + 4, $length);
        // Unmask: XOR each byte with the key, repeated (PHP's ^ works byte by byte on strings).
        $payload ^= substr(str_repeat($mask, intdiv($length, 4) + 1), 0, $length);
        $client['in'] = substr($buffer, $offset + 4 + $length);
        onFrame($client, $fin, $opcode, $payload);
    }
}

/** Reacts to one decoded frame: assembles fragmented messages, echoes, answers control frames. */
function onFrame(array &$client, bool $fin, int $opcode, string $payload): void
{
    if ($client['closeSent'] && $opcode !== OP_CLOSE) {
        return; // we are closing: only the peer's close frame still matters
    }
    switch ($opcode) {
        case OP_PING:
            send($client, OP_PONG, $payload); // same payload (RFC 6455 §5.5.3)
            return;
        case OP_PONG:
            $client['alive'] = true;
            return;
        case OP_CLOSE:
            onClose($client, $payload);
            return;
        case OP_TEXT:
        case OP_BINARY:
            if ($client['type'] !== null) {
                startClose($client, CLOSE_PROTOCOL_ERROR, 'Fragment attendu');
                return;
            }
            $client['type'] = $opcode;
            break;
        case OP_CONTINUATION:
            if ($client['type'] === null) {
                startClose($client, CLOSE_PROTOCOL_ERROR, 'Fragment inattendu');
                return;
            }
            break;
        default:
            startClose($client, CLOSE_PROTOCOL_ERROR, 'Opcode inconnu');
            return;
    }
    $client['fragments'] .= $payload;
    if (!$fin) {
        return; // more fragments to come
    }
    $message = $client['fragments'];
    $type = $client['type'];
    $client['fragments'] = '';
    $client['type'] = null;
    // Token bucket: refill at RATE_LIMIT per second up to RATE_BURST; each message costs one.
    $now = microtime(true);
    $client['tokens'] = min(RATE_BURST, $client['tokens'] + ($now - $client['refilled']) * RATE_LIMIT);
    $client['refilled'] = $now;
    if ($client['tokens'] < 1) {
        startClose($client, CLOSE_POLICY_VIOLATION, 'Trop de messages par seconde');
        return;
    }
    $client['tokens'] -= 1;
    if ($type === OP_TEXT && !isUtf8($message)) {
        startClose($client, CLOSE_INVALID_DATA, 'Texte UTF-8 invalide');
        return;
    }
    send($client, $type, $message); // the echo itself
}

/** The peer starts (or answers) the closing handshake: echo its code, then hang up. */
function onClose(array &$client, string $payload): void
{
    if ($client['closeSent']) {
        $client['closing'] = microtime(true); // it answered ours: the handshake is complete
        return;
    }
    $reply = '';
    if (strlen($payload) === 1) {
        $reply = pack('n', CLOSE_PROTOCOL_ERROR);
    } elseif (strlen($payload) >= 2) {
        $code = unpack('n', $payload)[1];
        // Codes a peer may send: 1000–1003, 1007–1014, and 3000–4999 for applications.
        $allowed = ($code >= 1000 && $code <= 1003) || ($code >= 1007 && $code <= 1014)
            || ($code >= 3000 && $code <= 4999);
        if (!$allowed) {
            $reply = pack('n', CLOSE_PROTOCOL_ERROR);
        } elseif (!isUtf8(substr($payload, 2))) {
            $reply = pack('n', CLOSE_INVALID_DATA);
        } else {
            $reply = $payload;
        }
    }
    send($client, OP_CLOSE, $reply);
    $client['closing'] = microtime(true); // the server closes TCP first (RFC 6455 §7.1.1)
}

/** The main loop: accept, read, write, ping, hang up; until SIGINT or SIGTERM. */
$lastPing = microtime(true);
$exitAt = null;
while (true) {
    if ($stopping && $exitAt === null) {
        foreach ($clients as &$client) {
            if ($client['open']) {
                startClose($client, CLOSE_GOING_AWAY, "Le serveur s'arrête", false);
            } else {
                $client['dead'] = true;
            }
        }
        unset($client);
        $exitAt = microtime(true) + 2 * CLOSE_TIMEOUT;
    }
    if ($exitAt !== null && ($clients === [] || microtime(true) > $exitAt)) {
        exit(0);
    }
    $read = $exitAt === null ? [$server] : [];
    $write = [];
    foreach ($clients as $client) {
        $read[] = $client['stream'];
        if ($client['out'] !== '') {
            $write[] = $client['stream'];
        }
    }
    $except = null;
    if (@stream_select($read, $write, $except, 0, 200000) === false) {
        continue; // interrupted by a signal
    }
    foreach ($read as $stream) {
        if ($stream === $server) {
            $new = @stream_socket_accept($server, 0);
            if ($new !== false) {
                stream_set_blocking($new, false);
                $clients[(int) $new] = [
                    'stream' => $new, 'in' => '', 'out' => '', 'open' => false, 'type' => null,
                    'fragments' => '', 'alive' => true, 'closeSent' => false, 'failed' => false,
                    'closing' => null, 'shut' => null, 'dead' => false,
                    'tokens' => RATE_BURST, 'refilled' => microtime(true),
                ];
            }
            continue;
        }
        $client = &$clients[(int) $stream];
        $data = @fread($stream, 65536);
        if ($data === '' || $data === false) {
            $client['dead'] = feof($stream); // the peer has gone
        } elseif (!$client['failed'] && $client['shut'] === null) {
            $client['in'] .= $data;
            $client['alive'] = true;
            if (!$client['open']) {
                $end = strpos($client['in'], "\r\n\r\n");
                if ($end === false && strlen($client['in']) > MAX_HEADER_BYTES) {
                    $client['dead'] = true;
                } elseif ($end !== false) {
                    $request = substr($client['in'], 0, $end);
                    $client['in'] = substr($client['in'], $end + 4);
                    $client['open'] = handshake($client, $request);
                }
            }
            if ($client['open']) {
                readFrames($client, $maxPayload);
            }
        }
        unset($client);
    }
    foreach ($write as $stream) {
        if (!isset($clients[(int) $stream])) {
            continue;
        }
        $client = &$clients[(int) $stream];
        $written = @fwrite($stream, $client['out']);
        if ($written === false) {
            $client['dead'] = true;
        } else {
            $client['out'] = (string) substr($client['out'], $written);
        }
        unset($client);
    }
    $now = microtime(true);
    // Heartbeat: a peer that has sent nothing (not even a pong) since the last ping is dead.
    if ($now - $lastPing >= PING_INTERVAL) {
        $lastPing = $now;
        foreach ($clients as &$client) {
            if ($client['open'] && !$client['closeSent']) {
                $client['dead'] = $client['dead'] || !$client['alive'];
                $client['alive'] = false;
                send($client, OP_PING, '');
            }
        }
        unset($client);
    }
    foreach ($clients as $id => $client) {
        $closing = $client['closing'];
        if ($closing !== null && $client['shut'] === null && $client['out'] === '' && $now >= $closing) {
            // Everything is sent: end our side, then read until the peer ends its own. Closing
            // outright could reset the connection and destroy our close frame in transit.
            stream_socket_shutdown($client['stream'], STREAM_SHUT_WR);
            $clients[$id]['shut'] = $now;
        } elseif ($client['dead'] || ($client['shut'] !== null && $now > $client['shut'] + CLOSE_TIMEOUT)) {
            fclose($client['stream']);
            unset($clients[$id]);
        }
    }
}
