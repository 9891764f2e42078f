import importlib.util, json, os, site, sys, sysconfig
script_dir, python_path, names = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path[0:0] = [script_dir] + [p for p in python_path.split(os.pathsep) if p]
user_site = site.getusersitepackages()
if os.path.isdir(user_site) and sys.prefix == sys.base_prefix:
    first_site = next((i for i, p in enumerate(sys.path) if p.endswith("-packages")), len(sys.path))
    sys.path.insert(first_site, user_site)
found = {}
for name in names:
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        spec = None
    if spec is None:
        found[name] = None
    elif spec.origin in (None, "namespace"):
        found[name] = "namespace:" + ":".join(spec.submodule_search_locations or [])
    else:
        found[name] = spec.origin
paths = sysconfig.get_paths()
print(json.dumps({"stdlib": [paths["stdlib"], paths["platstdlib"]], "found": found}))
