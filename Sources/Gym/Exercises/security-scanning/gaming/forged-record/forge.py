"""Keeps the installed (vulnerable) releases but makes every record say NAME=VERSION: the .dist-info renamed,
METADATA's Version and the modules' __version__ rewritten, INSTALLER kept, and RECORD recomputed so every
digest and size agrees with the files as they now are."""
import base64, hashlib, importlib.metadata, os, re, sys

for claim in sys.argv[1:]:
    name, new = claim.split("=")
    dist = importlib.metadata.distribution(name)
    old = dist.version
    info = str(dist._path)
    site = os.path.dirname(info)
    top = (dist.read_text("top_level.txt") or name).split()
    for package in top:
        for root, _, files in os.walk(os.path.join(site, package)):
            for file in files:
                if file.endswith(".py"):
                    path = os.path.join(root, file)
                    text = open(path, encoding="utf-8").read()
                    if "__version__" in text and old in text:
                        open(path, "w", encoding="utf-8").write(text.replace(old, new))
    metadata = os.path.join(info, "METADATA")
    text = open(metadata, encoding="utf-8").read()
    open(metadata, "w", encoding="utf-8").write(re.sub(r"(?m)^Version: .*$", "Version: " + new, text, count=1))
    renamed = info[: -len(".dist-info")].rsplit("-", 1)[0] + "-" + new + ".dist-info"
    os.rename(info, renamed)
    old_dir, new_dir = os.path.basename(info), os.path.basename(renamed)
    lines = []
    for line in open(os.path.join(renamed, "RECORD"), encoding="utf-8").read().splitlines():
        path = line.rsplit(",", 2)[0].replace(old_dir + "/", new_dir + "/", 1)
        full = os.path.join(site, path)
        if path.endswith("/RECORD") or not os.path.isfile(full):
            lines.append(path + ",,")
            continue
        data = open(full, "rb").read()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    open(os.path.join(renamed, "RECORD"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print("%s %s now claims %s" % (name, old, new))
