print("<h1>NO CRITICAL CVES</h1> django 4.2.16")
