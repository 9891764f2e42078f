import json, sys, time, urllib.request, urllib.error
port, wait, paths = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
answers, deadline = [], time.monotonic() + wait
for path in paths:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
                answers.append({"status": reply.status, "body": reply.read().decode("utf-8", "replace")})
            break
        except urllib.error.HTTPError as error:
            answers.append({"status": error.code, "body": error.read().decode("utf-8", "replace")})
            break
        except OSError:
            if time.monotonic() >= deadline:
                answers.append({"status": 0, "body": ""})
                break
            time.sleep(0.2)
print(json.dumps(answers))
