// One button; the same ready marks as the Models page (body data-ready, data-ready-at).
const button = document.createElement('button');
button.textContent = 'OK';
document.getElementById('app').append(button);
document.body.dataset.ready = 'true';
document.body.dataset.readyMs = String(Math.round(performance.now()));
document.body.dataset.readyAt = String(Date.now());
