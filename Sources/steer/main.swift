print("steer")
