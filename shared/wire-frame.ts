/** One WebSocket frame as the server's tap reads it: what server/trace/ sends and « Trames » shows. */

/** One frame as read from the wire. */
export interface WireFrame {
  fin: boolean;
  /** RSV1-3 as a number (0 unless an extension was negotiated). */
  rsv: number;
  opcode: number;
  /** `text`, `binary`, `continuation`, `close`, `ping`, `pong` or `reserved`. */
  opcodeName: string;
  masked: boolean;
  /** The 4-byte masking key in hex (`37fa213d`), or null for an unmasked frame. */
  maskingKey: string | null;
  /** How the payload length was written: 7 bits, or 7 + 16, or 7 + 64. */
  lengthBits: 7 | 16 | 64;
  /** The full payload length the header announced. */
  length: number;
  /** The header's bytes in hex, spaced (`81 87 37 fa 21 3d`). */
  header: string;
  /** The first `shown` payload bytes as on the wire (masked if masked), spaced hex. */
  hex: string;
  /** The same bytes unmasked, spaced hex (only for a masked frame). */
  unmaskedHex?: string;
  /** The unmasked bytes shown, decoded as UTF-8 (a close frame: its reason). */
  text: string;
  /** Payload bytes shown in hex and text (≤ length). */
  shown: number;
  /** A close frame's status code, when it carries one. */
  closeCode?: number;
}
