// Small enhancements on every page: the print button of a draft.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var print = document.getElementById("print");
  if (print) print.addEventListener("click", function () { window.print(); });
});
