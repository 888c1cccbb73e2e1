// The instructor's view: one WebSocket to /formateur/direct (the session cookie authenticates it),
// one board per second, shown as is. Plain browser JavaScript, served by the companion server.

/** The page's sentences that change with the state; the rest is in index.html. */
const TEXT = {
  live: 'En direct',
  time: (time) => `· mis à jour à ${time}`,
  connecting: 'Connexion au serveur…',
  lost: (seconds) => `Connexion perdue ; nouvelle tentative dans ${seconds} s…`,
  refused: (reason) => `${reason}. Nouvelle tentative dans un moment…`,
  sockets: (n) => (n > 1 ? 'connexions WebSocket' : 'connexion WebSocket'),
  instances: (n) => (n > 1 ? `, sur ${n} instances du serveur` : ''),
};

/** Delays between reconnections, in seconds: quick at first, then every 10 s. */
const RETRY_SECONDS = [1, 2, 5, 10];

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'medium' });
const $ = (selector) => document.querySelector(selector);

/** Sets the status line and its state (live, waiting, lost); a live region, so only changes are written. */
function setStatus(text, state) {
  const line = $('#etat');
  if (line.textContent !== text) line.textContent = text;
  line.dataset.etat = state;
}

/** Replaces a table's rows with `rows` (arrays of cell texts); shows `empty` when there are none. */
function fillTable(table, rows, empty) {
  const body = table.tBodies[0];
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const [i, text] of cells.entries()) {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        cell.textContent = text;
        tr.append(cell);
      }
      return tr;
    }),
  );
  table.hidden = rows.length === 0;
  empty.hidden = rows.length > 0;
}

/** Shows one board (see server/instructor/board.ts). */
function show(board) {
  const total = board.routes.reduce((sum, [, n]) => sum + n, 0);
  $('#total').textContent = number.format(total);
  $('#total-unite').textContent = TEXT.sockets(total);
  fillTable($('#routes'), board.routes.map(([route, n]) => [route, number.format(n)]), $('#routes-vide'));
  $('#autres-nombre').textContent = number.format(board.others);
  fillTable($('#salons'), board.rooms.map(([room, n]) => [room, number.format(n)]), $('#salons-vide'));
  $('#salons-plus').hidden = !board.roomsMore;
  $('#recus').textContent = number.format(board.rate.in);
  $('#envoyes').textContent = number.format(board.rate.out);
  fillTable($('#fermetures'), board.closes.map((c) => [String(c.code), number.format(c.count), c.explanation]), $('#fermetures-vide'));
  for (const item of document.querySelectorAll('#refus [data-raison]')) {
    const n = board.refusals[item.dataset.raison] ?? 0;
    item.querySelector('dd').textContent = number.format(n);
    item.classList.toggle('actif', n > 0);
  }
  for (const span of document.querySelectorAll('.minutes')) span.textContent = String(board.windowMinutes);
  $('#instances').textContent = TEXT.instances(board.instances);
  setStatus(TEXT.live, 'direct');
  $('#heure').textContent = TEXT.time(clock.format(new Date()));
}

let attempt = 0;

/** Opens the view's WebSocket, and opens it again whenever it closes. */
function connect() {
  const socket = new WebSocket(new URL('direct', location.href.replace(/^http/, 'ws')));
  socket.onopen = () => {
    attempt = 0;
  };
  socket.onmessage = (event) => show(JSON.parse(event.data));
  socket.onclose = (event) => {
    const seconds = RETRY_SECONDS[Math.min(attempt++, RETRY_SECONDS.length - 1)];
    $('#heure').textContent = '';
    setStatus(event.code === 1013 && event.reason ? TEXT.refused(event.reason) : TEXT.lost(seconds), 'perdu');
    setTimeout(connect, seconds * 1000);
  };
}

setStatus(TEXT.connecting, 'attente');
connect();
