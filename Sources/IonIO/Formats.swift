import IonCore
