import Mustache

/// The pages' Mustache templates: server-rendered HTML, no script. `{{x}}` escapes HTML; every value a
/// learner chose (a name) goes through it.
enum PageTemplates {
    static let layout = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}} · gym</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:84rem;padding:0 1rem;color:#1d2330}
        nav a{margin-right:1rem} h1{font-size:1.5rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
        th,td{border-bottom:1px solid #d6dae3;padding:.35rem .6rem;text-align:left} th{background:#f3f5f9}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.podium td{background:#fff6d6;font-weight:600} tr.record td{border-top:3px dashed #c0392b;color:#c0392b;font-weight:600}
        td.done{background:#d9f2df} td.tried{background:#fde8e8} td.none{color:#9aa1ad}
        table.grid{font-size:13px} table.grid th{font-weight:600;vertical-align:bottom} table.grid td{white-space:nowrap}
        .muted{color:#5f6775} .same-changes{color:#8a4b00;font-weight:600} .reference{color:#2d5f9a}
        </style></head>
        <body><nav><a href="/leaderboard">Leaderboard</a>{{#instructor}}<a href="/progress">Progress</a>{{/instructor}}<span class="muted">{{className}} · {{member}}</span></nav>
        {{$body}}{{/body}}
        </body></html>
        """

    static let leaderboard = """
        {{<layout}}{{$body}}
        <h1>Image size challenge</h1>
        <p class="muted">Sizes measured by the server on its own build of each student's files; a client's own figure never counts. Record to beat: {{record}}.</p>
        <table id="leaderboard"><thead><tr><th>#</th><th>Student</th><th class="num">Verified size</th><th>Base image</th><th>Submitted</th></tr></thead>
        <tbody>
        {{#rows}}{{#recordLine}}<tr class="record" data-record="{{recordBytes}}"><td colspan="5">record: {{record}}</td></tr>{{/recordLine}}
        <tr class="{{#podium}}podium{{/podium}}" data-student="{{student}}" data-bytes="{{sizeBytes}}"><td>{{rank}}</td><td>{{student}}</td><td class="num">{{size}}</td><td>{{baseImage}}</td><td>{{submitted}}</td></tr>
        {{/rows}}
        {{#recordLast}}<tr class="record" data-record="{{recordBytes}}"><td colspan="5">record: {{record}}</td></tr>{{/recordLast}}
        {{^rows}}<tr><td colspan="5" class="muted">No verified entry yet.</td></tr>{{/rows}}
        </tbody></table>
        {{/body}}{{/layout}}
        """

    static let progress = """
        {{<layout}}{{$body}}
        <h1>Progress: {{className}}</h1>
        <p class="muted">Done (measured): the server's checks passed on its build of a submission. Attempts: submissions. Hints (claimed): as each student's gym reports them. Same changes as: another student's submission changed the starter in the same way, whitespace and comments aside (not failed: yours to judge). Reference: the changes are exactly the reference solution's.</p>
        <table id="progress" class="grid"><thead><tr><th>Student</th>{{#exercises}}<th>{{.}}</th>{{/exercises}}</tr></thead>
        <tbody>
        {{#rows}}<tr data-student="{{student}}"><td><a href="/students/{{student}}">{{student}}</a>{{#nameProblem}}<br><span class="muted name-problem">{{nameProblem}}</span>{{/nameProblem}}</td>
        {{#cells}}<td class="{{state}}" data-exercise="{{exercise}}" data-done="{{done}}" data-attempts="{{attempts}}">{{#done}}✓ {{/done}}{{tries}}{{#hintText}} · {{hintText}}{{/hintText}}{{#last}}<br><span class="muted">{{last}}</span>{{/last}}{{#sameChanges}}<br><span class="same-changes">same changes as {{sameChanges}}</span>{{/sameChanges}}{{#reference}}<br><span class="reference">reference solution</span>{{/reference}}</td>{{/cells}}</tr>
        {{/rows}}
        {{^rows}}<tr><td class="muted">No student has joined yet.</td></tr>{{/rows}}
        </tbody></table>
        {{/body}}{{/layout}}
        """

    static let student = """
        {{<layout}}{{$body}}
        <h1>{{student}}</h1>
        <p class="muted">Status and verified size: measured by the server on its own build. Claimed: what the student's gym reported, never used.</p>
        <table id="history"><thead><tr><th>#</th><th>Exercise</th><th>Status (measured)</th><th class="num">Verified size (measured)</th><th class="num">Size (claimed)</th><th class="num">Hints (claimed)</th><th>Reason</th><th>Notes</th><th>Submitted</th></tr></thead>
        <tbody>
        {{#submissions}}<tr data-id="{{id}}" data-status="{{status}}"><td>{{id}}</td><td>{{exercise}}</td><td>{{status}}</td><td class="num">{{size}}</td><td class="num">{{claimed}}</td><td class="num">{{claimedHints}}</td><td>{{reason}}</td><td>{{#sameChanges}}<span class="same-changes">same changes as {{sameChanges}}</span> {{/sameChanges}}{{#reference}}<span class="reference">reference solution</span>{{/reference}}</td><td>{{submitted}}</td></tr>
        {{/submissions}}
        {{^submissions}}<tr><td colspan="9" class="muted">No submission yet.</td></tr>{{/submissions}}
        </tbody></table>
        {{/body}}{{/layout}}
        """

    /// What a browser sees when something went wrong: the message, and without a session, how to log in.
    static let error = """
        {{<layout}}{{$body}}
        <h1>{{heading}}</h1>
        <p id="message">{{message}}</p>
        {{#login}}<section id="login">
        <p>The class pages open with a one-time link. On the machine where you ran <code>gym login</code>:</p>
        <pre>gym pages              # the leaderboard
        gym pages progress     # the progress grid (instructors)</pre>
        <p class="muted">A link works once, within two minutes, and keeps this browser logged in to the class.</p>
        </section>{{/login}}
        {{/body}}{{/layout}}
        """

    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(layout, named: "layout")
        try library.register(leaderboard, named: "leaderboard")
        try library.register(progress, named: "progress")
        try library.register(student, named: "student")
        try library.register(error, named: "error")
        return library
    }
}
