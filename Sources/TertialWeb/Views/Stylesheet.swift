/// The site's one stylesheet, served from `/tertial.css` (CSP allows styles from the server only).
/// Status colours meet WCAG AA contrast against white and always come with a symbol and text.
enum Stylesheet {
    static let css = """
    :root { --ink: #1d2428; --muted: #4d5a61; --line: #c9d1d6; --accent: #0b5a8a; --bg: #f6f8f9;
            --met: #1e6b34; --partly: #8a5a00; --notmet: #a3262a; --na: #4d5a61; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus, .table-wrap:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
    .skip-link { position: absolute; left: -9999px; }
    .skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
    .site-header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1.5rem; background: var(--accent); color: #fff; }
    .site-header .brand { color: #fff; font-weight: 700; font-size: 1.25rem; text-decoration: none; }
    .site-header .tagline { opacity: .9; }
    .breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: .5rem 1.5rem; background: var(--bg); }
    .breadcrumbs li + li::before { content: "›"; margin-right: .25rem; color: var(--muted); }
    main { padding: 1rem 1.5rem 3rem; max-width: 90rem; }
    h1 { font-size: 1.75rem; margin: .5rem 0; }
    h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
    h3 { font-size: 1.15rem; margin-top: 1.5rem; }
    .meta { color: var(--muted); margin: 0 0 1rem; }
    .meta { display: flex; flex-wrap: wrap; column-gap: .25rem; }
    .meta dt { font-weight: 600; }
    .meta dd { margin: 0 1rem 0 0; }
    .goal-area-text, .goal-text { max-width: 50rem; }
    .links { color: var(--muted); font-size: .9rem; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; margin: .5rem 0 1rem; min-width: 40rem; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; }
    thead th { background: var(--bg); text-align: left; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    /* A wide goal table fits a laptop screen: column headings ("Utfall delår 2024") and a target's status
       wrap at their spaces; figures never do. */
    thead th.num { white-space: normal; min-width: 4.5rem; }
    td.num .status { white-space: normal; }
    tbody th { text-align: left; font-weight: 400; min-width: 12rem; }
    tr.gender th { padding-left: 1.5rem; color: var(--muted); }
    .status.inline { display: inline; font-size: 1rem; }
    .notes { color: var(--muted); font-size: .9rem; }
    .prose p, .goal-text p, .goal-area-text p { margin: .5rem 0; }
    .status { display: block; font-size: .85rem; font-weight: 600; white-space: nowrap; }
    .status-met { color: var(--met); }
    .status-partlyMet { color: var(--partly); }
    .status-notMet { color: var(--notmet); }
    .status-notAssessable { color: var(--na); font-weight: 400; }
    .goal-status { margin: .25rem 0; }
    .tree, .tree ul { list-style: none; padding-left: 1.25rem; }
    .tree > li { margin: .25rem 0; }
    .kind { color: var(--muted); font-size: .9rem; }
    .plans { margin: .25rem 0 .5rem; }
    .badge { display: inline-block; border: 1px solid var(--line); border-radius: .25rem; padding: 0 .35rem; font-size: .8rem; color: var(--muted); }
    .site-search { display: flex; gap: .25rem; margin-left: 1rem; }
    .site-search input { font: inherit; padding: .2rem .5rem; border: 0; border-radius: .2rem; min-width: 14rem; }
    .site-search button { padding: .2rem .6rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .search-hits li { margin: .35rem 0; }
    .account-nav { margin-left: auto; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
    .account-nav a, .account-nav .who { color: #fff; }
    .inline-form { display: inline-flex; gap: .5rem; align-items: baseline; margin: 0; }
    .link-button { background: none; border: 0; color: #fff; text-decoration: underline; font: inherit; cursor: pointer; padding: 0; }
    .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; }
    button { font: inherit; padding: .35rem .8rem; border: 1px solid #6b7780; border-radius: .25rem; background: #fff; color: var(--ink); cursor: pointer; }
    main .inline-form button, .filters button { align-self: flex-end; margin: .75rem 0; }
    .button, button.primary { display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: .25rem; padding: .5rem 1rem; font: inherit; text-decoration: none; cursor: pointer; }
    .field { margin: .75rem 0; display: flex; flex-direction: column; max-width: 32rem; }
    .field label { font-weight: 600; }
    .field input, .field select, .field textarea, td input { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7780; border-radius: .2rem; }
    .field .hint { color: var(--muted); font-size: .9rem; }
    .has-error input, input[aria-invalid=true] { border: 2px solid var(--notmet); }
    .error { color: var(--notmet); font-weight: 600; }
    .error-summary { border: 3px solid var(--notmet); padding: .5rem 1rem; margin: 1rem 0; }
    .conflict { display: block; font-size: .85rem; max-width: 14rem; }
    .error-summary h2 { font-size: 1.1rem; margin: .25rem 0; border: 0; }
    .notice { border-left: 4px solid var(--met); background: #eef6f0; padding: .5rem 1rem; }
    fieldset { border: 1px solid var(--line); margin: 1rem 0; min-width: 0; }
    select, textarea, input { max-width: 100%; }
    .diff-old { color: var(--notmet); }
    .diff-new { color: var(--met); }
    input.pasted { background: #fff8dc; }
    td input.comment { display: block; margin-top: .25rem; font-size: .85rem; width: 100%; min-width: 8rem; }
    details.history summary { font-size: .85rem; color: var(--muted); cursor: pointer; }
    details.history ul { font-size: .85rem; color: var(--muted); margin: .25rem 0; padding-left: 1rem; }
    fieldset.assessment, fieldset.follow-up { padding: .5rem 1rem; margin-bottom: 1rem; }
    fieldset.follow-up legend { font-weight: 600; }
    fieldset.assessment legend { font-weight: 600; }
    details.charts { margin: .25rem 0 1rem; }
    details.charts summary { cursor: pointer; color: var(--accent); font-weight: 600; }
    .chart-box { max-width: 36rem; margin: .5rem 0; }
    /* Economy tables (rendered by the documents' HTML writer): figures right-aligned and unbroken, totals bold. */
    .table-wrap td.n, .table-wrap th.n { text-align: right; white-space: nowrap; }
    .table-wrap tr.total td { font-weight: bold; border-top: 2px solid #444; }
    .table-wrap tr.sub td:first-child { padding-left: 1.5rem; }
    .table-wrap caption { text-align: left; font-weight: bold; padding: .25rem 0; }
    figure.chart-box { max-width: 44rem; }
    .warning { border-left: 4px solid #8a5a00; background: #fdf6e7; padding: .5rem 1rem; margin: 1rem 0; }
    .checks { color: #333; }
    .footnote { font-size: .9rem; }
    .field-row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
    .field-row .field { flex: 1 1 12rem; }
    input[aria-invalid=true] { border: 2px solid var(--notmet); }
    table.budget-edit input[type=text] { text-align: right; }
    table.budget-edit td:first-child input[type=text] { text-align: left; }
    details.downloads { margin: .25rem 0 1rem; border: 1px solid var(--line, #c9d1d6); padding: .4rem .8rem; max-width: 40rem; }
    details.downloads summary { cursor: pointer; color: var(--accent); font-weight: 600; }
    details.downloads ul { margin: .25rem 0 .5rem; padding-left: 1.2rem; }
    details.downloads .menu-heading { font-weight: 600; margin: .6rem 0 .2rem; }
    details.downloads form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
    details.downloads form .menu-heading { flex-basis: 100%; }
    svg.chart { display: block; height: auto; }
    /* Every drawing fits the screen (the risk matrix is drawn 750 px wide): it scales down, never overflows. */
    main figure svg { max-width: 100%; height: auto; }
    .chart-title { font-weight: 600; margin: .75rem 0 .25rem; }
    .wheel-layout { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
    .wheel { flex: 0 1 28rem; max-width: 100%; }
    svg.year-wheel { width: 100%; height: auto; }
    svg.year-wheel .sector { fill: #f3f6f8; stroke: #c9d1d6; }
    svg.year-wheel .sector.even { fill: #e6edf1; }
    svg.year-wheel .month { font-size: 12px; fill: #33424d; }
    svg.year-wheel .year { font-size: 20px; font-weight: 600; fill: #1c2b36; }
    svg.year-wheel .event { fill: #1f5f8b; stroke: #fff; stroke-width: 1; }
    svg.year-wheel .event.reportingDeadline { fill: #b3261e; }
    svg.year-wheel .event.committeeMeeting, svg.year-wheel .event.councilMeeting, svg.year-wheel .event.budgetDecision { fill: #2e7d32; }
    svg.year-wheel .event.controlOccasion { fill: #7a4fa0; }
    svg.year-wheel .today { stroke: #b3261e; stroke-width: 2; }
    .wheel-layout .table-wrap { flex: 1 1 24rem; }
    tr.past td { color: var(--muted); }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
    .my-tasks { margin-bottom: 1.5rem; }
    .task-list .due { font-variant-numeric: tabular-nums; font-weight: 600; }
    .review-form { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: center; }
    pre.reminder { white-space: pre-wrap; }
    .site-footer { border-top: 1px solid #c9d1d6; margin-top: 3rem; padding: 1rem; font-size: .95rem; }
    .site-footer nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; max-width: 60rem; margin: 0 auto; }
    .edition { max-width: 52rem; }
    .edition-meta { border-left: 4px solid #1f5f8b; background: #f1f5f8; padding: .5rem 1rem; margin: 1rem 0; }
    .edition-meta p { margin: .25rem 0; }
    .edition-of { margin: 0; font-size: .95rem; }
    .chapter-menu ol { padding-left: 1.5rem; } .chapter-menu li { margin: .3rem 0; }
    .pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin: 2rem 0 1rem; }
    .downloads li { margin: .3rem 0; }
    .edition figure { margin: 1rem 0; max-width: 100%; }
    .edition figure svg { max-width: 100%; height: auto; display: block; }
    .edition figcaption { font-size: .9rem; color: #3d4a52; }
    .chapter .subheading { font-weight: bold; margin: 1.2rem 0 .3rem; }
    .chapter .note { font-style: italic; color: #3d4a52; }
    .edition h1, .edition h2, .edition h3, .edition h4, .edition h5, .edition h6, .edition p, .edition li, .edition figcaption { overflow-wrap: break-word; hyphens: auto; }
    .chapter td.n, .chapter th.n { text-align: right; white-space: nowrap; }
    .chapter tr.total td { font-weight: bold; }
    .chapter td.cont { border-top: hidden; }
    @media print { .site-header, .site-footer, .breadcrumbs, .chapter-menu, .pager, .skip-link, .downloads { display: none; }
      .edition { max-width: none; } .table-wrap { overflow: visible; } a { color: inherit; text-decoration: none; }
      tr, figure { break-inside: avoid; } h1, h2, h3, h4 { break-after: avoid; } }
    @media (max-width: 40rem) { .site-header { flex-wrap: wrap; } .site-search { margin-left: 0; width: 100%; } .site-search input { min-width: 0; flex: 1; } main { padding: .75rem; } table { min-width: 0; } tbody th { min-width: 10rem; } .site-header .tagline { display: none; } }
    """
}
