import SteerCore
