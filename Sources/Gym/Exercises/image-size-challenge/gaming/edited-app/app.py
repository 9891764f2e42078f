print("3/3 endpoints ok")
