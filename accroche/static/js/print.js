// Buttons marked data-print open the print dialog (no inline onclick: the CSP forbids it).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
