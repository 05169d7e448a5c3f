import Vapor
import TertialWeb
print("tertial")
