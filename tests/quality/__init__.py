"""Quality gates: accessibility, valid HTML, links, privacy, XSS, fuzzing, reproducible builds."""
