/**
 * Close codes (RFC 6455 §7.4 and the IANA registry), each explained in French: the one table that
 * the course pages (src/lib) and the companion server (the instructor's view) both read. Pure data,
 * imports nothing.
 */
export const CLOSE_CODES: Record<number, string> = {
  1000: 'fermeture normale : les deux côtés ont terminé',
  1001: "départ : le serveur s'arrête ou la page est quittée",
  1002: 'erreur de protocole : une trame invalide a été reçue',
  1003: 'type de données refusé (texte ou binaire non accepté)',
  1005: "aucun code : la trame de fermeture n'en contenait pas",
  1006: 'fermeture anormale : la connexion a été coupée sans trame de fermeture',
  1007: "données incohérentes, par exemple du texte qui n'est pas de l'UTF-8 valide",
  1008: 'violation de règle : le serveur refuse ce comportement (origine, débit…)',
  1009: 'message trop grand pour le serveur',
  1010: "une extension demandée par le client n'a pas été acceptée",
  1011: 'erreur interne du serveur',
  1012: 'le serveur redémarre',
  1013: 'serveur surchargé : réessayez plus tard',
  1014: 'passerelle : réponse invalide du serveur en amont',
  1015: 'échec de la négociation TLS (une page ne le voit jamais : elle reçoit 1006)',
};

/** The French explanation of any close code, including the ranges reserved for libraries and applications. */
export function explainCloseCode(code: number): string {
  if (CLOSE_CODES[code]) return CLOSE_CODES[code];
  if (code >= 3000 && code <= 3999) return "code réservé aux bibliothèques et frameworks (enregistré auprès de l'IANA)";
  if (code >= 4000 && code <= 4999) return "code propre à l'application : son sens est défini par votre serveur";
  return 'code non standard';
}
