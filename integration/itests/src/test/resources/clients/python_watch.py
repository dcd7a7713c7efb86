"""Drives jxapi with Python's xmlrpc.client: log in, create a VM, watch for another client's change."""
import json
import sys
import xmlrpc.client

url, password = sys.argv[1], sys.argv[2]


def say(**o):
    print(json.dumps(o), flush=True)


def value(envelope):
    if envelope["Status"] != "Success":
        raise RuntimeError(envelope["ErrorDescription"])
    return envelope["Value"]


x = xmlrpc.client.ServerProxy(url)

bad = x.session.login_with_password("root", "wrong password")
say(event="failure", status=bad["Status"], description=bad["ErrorDescription"])

s = value(x.session.login_with_password("root", password, "1.0", "python-itest"))
vm = value(x.VM.create(s, {"name_label": "made-by-python", "memory_static_max": "268435456",
                           "VCPUs_max": "1", "other_config": {"lang": "python"}}))
record = value(x.VM.get_record(s, vm))
say(event="created", ref=vm, name=record["name_label"], memory=record["memory_static_max"])

token = value(x.event.inject(s, "VM", vm))
say(event="ready", ref=vm)
while True:
    batch = value(getattr(x.event, "from")(s, ["vm"], token, 30.0))
    token = batch["token"]
    for e in batch["events"]:
        if e["ref"] == vm and e["operation"] == "mod" and e["snapshot"]["name_label"] != "made-by-python":
            say(event="seen", name=e["snapshot"]["name_label"], cls=e["class"])
            value(x.session.logout(s))
            sys.exit(0)
