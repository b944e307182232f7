"""Measure the site's speed and size in one run and report each figure against its target.

    make bench                       # or: PYTHONPATH=tools python -m bench [--runs 5] [--record]
    PYTHONPATH=tools python -m bench --from build/bench.json --record   # a saved run's table again

Everything runs here, in headless Chromium (Debian's, through Playwright) over loopback against
tools/serve.py: the site as built (brotli/gzip precompressed, service worker) and, on a second
server in the same run, a bare page that loads the STOCK Pyodide from node_modules with no
optimisation, gzip-compressed as a plain host would. Times are medians over ``--runs`` fresh
browser contexts (a fresh context has an empty cache: a cold visit). Bytes are response bodies as
the server sent them (compressed), counted on the server. ``--record`` writes the results table
into docs/includes/performance-results.md, which the performance page includes.

The modules, by what they hold: ``workload`` (what is visited and asked: links made by
``lp_rules.links``), ``serving`` (the two servers, counting bytes), ``browsing`` (browser
contexts, the emulated phone, the in-page programs in ``js/``), ``measure`` (each measurement),
``report`` (rows against targets, the table), ``progress`` (a line on stderr as each step starts
and ends, with the time and the load average: a run that stops shows where), ``__main__`` (the
command). The machine is often shared: the run records its load average as it begins and ends,
and its figures are best read as ratios within the run.
"""
