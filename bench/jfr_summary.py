#!/usr/bin/env python3
"""Where the server's CPU goes: a Java Flight Recorder recording's execution samples, each given to
the innermost (top-most) frame outside the JDK that names a known framework or the application.

Usage: jfr_summary.py RECORDING.jfr OUT.tsv
Writes OUT.tsv (part, samples, share) and prints it. Needs the JDK's `jfr` tool.
"""
import collections
import re
import subprocess
import sys

recording, out = sys.argv[1:3]
# First match wins, checked against each frame from the top of the stack down.
PARTS = [
    ("application (io.lectern)", ("io.lectern.",)),
    ("Bean Validation", ("org.hibernate.validator.",)),
    ("Hibernate", ("org.hibernate.",)),
    ("pgjdbc", ("org.postgresql.",)),
    ("connection pool and transactions", ("com.ibm.ws.rsadapter.", "com.ibm.ejs.j2c.",
                                          "com.ibm.ws.jca.", "com.ibm.tx.", "com.ibm.ws.tx.",
                                          "com.ibm.ws.Transaction", "com.ibm.ws.uow.")),
    ("RESTEasy (JAX-RS)", ("org.jboss.resteasy.",)),
    ("security, MP-JWT", ("com.ibm.ws.security.", "io.openliberty.security.", "org.jose4j.",
                          "com.ibm.ws.webcontainer.security.")),
    ("JSON-B / JSON-P", ("org.eclipse.yasson.", "org.glassfish.json.", "org.eclipse.parsson.",
                         "jakarta.json.")),
    ("MicroProfile Metrics", ("io.smallrye.metrics.", "io.openliberty.microprofile.metrics",
                              "com.ibm.ws.microprofile.metrics")),
    ("MicroProfile Config", ("io.smallrye.config.", "com.ibm.ws.microprofile.config.",
                             "io.openliberty.microprofile.config.")),
    ("CDI (Weld)", ("org.jboss.weld.",)),
    ("web container, HTTP, channels", ("com.ibm.ws.webcontainer.", "com.ibm.ws.http.",
                                       "com.ibm.wsspi.", "com.ibm.io.", "com.ibm.ws.tcpchannel.",
                                       "com.ibm.ws.channel", "com.ibm.ws.threading.",
                                       "io.openliberty.http", "com.ibm.ws.genericbnf.")),
    ("other Liberty", ("com.ibm.", "io.openliberty.")),
    ("other libraries", ("org.", "io.", "com.", "net.")),
]
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64",
                       recording], capture_output=True, text=True, check=True).stdout
counts = collections.Counter()
frame = re.compile(r"^\s+([\w$.]+)\.[\w$<>]+\(")
for event in text.split("jdk.ExecutionSample")[1:]:
    part = "JDK only"
    for line in event.splitlines():
        m = frame.match(line)
        if not m or m.group(1).startswith(("java.", "javax.", "jdk.", "sun.", "com.sun.")):
            continue
        name = m.group(1) + "."
        part = next((p for p, prefixes in PARTS if name.startswith(prefixes)), "other")
        break
    counts[part] += 1
total = sum(counts.values()) or 1
with open(out, "w") as f:
    f.write("part\tsamples\tshare\n")
    for part, n in counts.most_common():
        f.write(f"{part}\t{n}\t{100 * n / total:.1f}\n")
        print(f"{part}\t{n}\t{100 * n / total:.1f} %")
