// The record form's print button (no inline handler: the Content-Security-Policy forbids them).
document.addEventListener('DOMContentLoaded', function () {
  const button = document.getElementById('print');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
});
